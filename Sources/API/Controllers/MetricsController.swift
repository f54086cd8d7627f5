import APIWire
import Hummingbird
import Ingest
import JobStore
import Prometheus

/// `/metrics`: Prometheus text format. Counters and histograms are kept by swift-metrics as
/// things happen; the queue's gauges are read from the database at each scrape.
struct MetricsController<Context: RequestContext> {
    let store: any InvoiceStore
    let registry: PrometheusCollectorRegistry
    let intake: IntakeService

    func addRoutes(to router: Router<Context>) {
        router.get("/metrics") { _, _ in
            let stats = try await store.stats()
            for (status, count) in stats.counts {
                registry.makeGauge(name: "invoiced_jobs", labels: [("status", status.rawValue)], help: "Jobs per status.").set(Int64(count))
            }
            registry.makeGauge(name: "invoiced_queue_depth", help: "Jobs waiting for a worker.").set(Int64(stats.counts[.queued] ?? 0))
            registry.makeGauge(name: "invoiced_intake_backlog", help: "Files waiting for the intake thread.").set(Int64(intake.backlog))
            registry.makeGauge(name: "invoiced_invoices", help: "Invoice rows.").set(Int64(stats.invoices))
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
