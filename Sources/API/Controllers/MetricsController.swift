import Hummingbird
import Ingest
import JobStore
import Metrics
import Prometheus

/// `/metrics`: Prometheus text format. Counters and histograms are kept by swift-metrics as
/// things happen; the queue's gauges are read from the database at each scrape.
struct MetricsController<Context: RequestContext> {
    let store: JobStore
    let registry: PrometheusCollectorRegistry
    let intake: IntakeService

    func addRoutes(to router: Router<Context>) {
        router.get("/metrics") { _, _ in
            let stats = try await store.stats()
            for (status, count) in stats.counts {
                Gauge(label: "invoiced_jobs", dimensions: [("status", status.rawValue)]).record(count)
            }
            Gauge(label: "invoiced_queue_depth").record(stats.counts[.queued] ?? 0)
            Gauge(label: "invoiced_intake_backlog").record(intake.backlog)
            Gauge(label: "invoiced_invoices").record(stats.invoices)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
