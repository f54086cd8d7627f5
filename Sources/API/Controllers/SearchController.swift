import APIWire
import Foundation
import Hummingbird
import JobStore

/// `/api/search?q=`: full text over the invoices' OCR text and fields, newest first.
struct SearchController<Context: RequestContext> {
    let store: JobStore

    func addRoutes(to router: Router<Context>) {
        router.get("/api/search") { request, _ in
            let query = QueryParameters(request: request)
            guard let q = query.string("q") else { throw APIError(.badRequest, "q is required: /api/search?q=words") }
            guard q.count <= 500 else { throw APIError(.badRequest, "q is longer than 500 characters") }
            let hits = try await store.search(q, limit: try query.int("limit", default: 20, range: 1...200))
            let items = hits.map { SearchHit(invoice: $0.invoice.resource, snippet: $0.snippet) }
            return try jsonResponse(ResourcePage(items: items, nextCursor: nil))
        }
    }
}
