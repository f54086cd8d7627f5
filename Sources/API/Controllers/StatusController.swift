import APIWire
import Foundation
import Hummingbird
import JobStore
import Logging

/// `/healthz`, `/api/stats` and `/api/ocr/job/{id}`.
struct StatusController<Context: RequestContext> {
    let store: any InvoiceStore
    let health: DaemonHealth

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, context in try await healthz(logger: context.logger) }
        router.get("/api/stats") { _, _ in try await stats() }
        router.get("/api/ocr/job/{id}") { _, context in
            try await job(id: try context.parameters.require("id"))
        }
    }

    /// The answer names what is wrong and where; SQLite's own message (which can quote a
    /// statement or a schema) goes to the log only, for the operator.
    func healthz(logger: Logger) async throws -> Response {
        var problems = health.problems()
        do { try await store.ping() } catch {
            logger.error("health check: the database cannot be read", metadata: ["store": "\(store.location)", "error": "\(error)"])
            problems.append("the database cannot be read: \(store.location)")
        }
        return try jsonResponse(HealthReport(problems: problems), status: problems.isEmpty ? .ok : .serviceUnavailable)
    }

    // These two read on the thread that runs the handler (the event loop that read the
    // request) when the store can: a read of the pool would wait for another thread twice
    // (StatusReader). PostgreSQL's reads are network round trips, awaited.
    func stats() async throws -> Response {
        let now = Date()
        let stats = if let reader = store.callerThreadReader { try reader.stats(now: now) } else { try await store.stats(now: now) }
        let workers = health.workers()
        return try jsonResponse(DaemonStats(
            counts: stats.counts, invoices: stats.invoices, needsReview: stats.invoicesNeedingReview,
            oldestQueuedAt: stats.oldestQueuedAt, now: now, jobsPerMinute5m: Double(stats.finishedLast5Minutes) / 5,
            jobsPerMinute60m: Double(stats.finishedLastHour) / 60, workersBusy: workers.busy, workers: workers.total))
    }

    func job(id: String) async throws -> Response {
        let id = id.lowercased()
        let found = if let reader = store.callerThreadReader { try reader.job(id: id) } else { try await store.jobAsync(id: id) }
        guard let job = found else {
            throw APIError(.notFound, "no job with id \(id)")
        }
        return try jsonResponse(job.resource)
    }
}
