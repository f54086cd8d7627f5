import APIWire
import Foundation
import Hummingbird
import Ingest
import JobStore

/// `/api/ocr/job/{id}` (DELETE), `/api/ocr/job/{id}/retry`, `/api/ocr/job/{id}/history`, `/api/ocr/jobs`.
struct JobsController<Context: RequestContext> {
    let context: APIContext

    func addRoutes(to router: Router<Context>) {
        router.get("/api/ocr/jobs") { request, _ in try await list(request) }
        router.post("/api/ocr/job/{id}/retry") { _, ctx in try await retry(id: try ctx.parameters.require("id")) }
        router.delete("/api/ocr/job/{id}") { _, ctx in try await delete(id: try ctx.parameters.require("id")) }
        router.get("/api/ocr/job/{id}/history") { _, ctx in try await history(id: try ctx.parameters.require("id")) }
    }

    func list(_ request: Request) async throws -> Response {
        let query = QueryParameters(request: request)
        var status: JobStatus?
        if let raw = query.string("status") {
            guard let parsed = JobStatus(rawValue: raw) else {
                throw APIError(.badRequest, "status must be one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
            }
            status = parsed
        }
        let filter = JobFilter(status: status, uploader: query.string("uploader"),
                               limit: try query.int("limit", default: 50, range: 1...500), cursor: query.string("cursor"))
        do {
            let page = try await context.store.jobs(filter)
            return try jsonResponse(ResourcePage(items: page.items.map(\.resource), nextCursor: page.nextCursor))
        } catch is InvalidCursor {
            throw APIError(.badRequest, "cursor is not one this API gave out; start again without it")
        }
    }

    /// When the job arrived and each change of its status since (claims, retries and why,
    /// the end), for the invoice page.
    func history(id: String) async throws -> Response {
        let jobId = id.lowercased()
        guard let job = try await context.store.jobAsync(id: jobId) else { throw APIError(.notFound, "no job with id \(id)") }
        let entries = try await context.store.jobHistory(id: jobId).map {
            JobHistory.Entry(status: $0.status, attempts: $0.attempts, message: $0.message, at: $0.at)
        }
        return try jsonResponse(JobHistory(jobId: job.id, receivedAt: job.createdAt, entries: entries))
    }

    func retry(id: String) async throws -> Response {
        let intake = context.intake.processor
        let job = try await managing(id: id) { try intake.retry(jobId: id.lowercased()) }
        return try jsonResponse(job.resource, status: .accepted)
    }

    func delete(id: String) async throws -> Response {
        let store = context.store, layout = context.layout
        _ = try await managing(id: id) { try store.deleteFailed(id: id.lowercased(), layout: layout) }
        return Response(status: .noContent)
    }

    /// Runs a blocking job operation off the cooperative pool, mapping its refusals to HTTP.
    private func managing<T: Sendable>(id: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await context.intake.perform(work)
        } catch let error as JobManagementError {
            switch error {
            case .notFound: throw APIError(.notFound, "no job with id \(id)")
            case .notFailed, .fileNotInFailedFolder: throw APIError(.conflict, error.description)
            }
        }
    }
}
