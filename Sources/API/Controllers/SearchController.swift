import APIWire
import Foundation
import Hummingbird
import JobStore

/// `/api/search?q=`: full text over the invoices' OCR text and fields, newest first, among
/// the invoices the list's filters select, a page at a time.
struct SearchController<Context: RequestContext> {
    let store: any InvoiceStore

    func addRoutes(to router: Router<Context>) {
        router.get("/api/search") { request, _ in try await search(request) }
    }

    func search(_ request: Request) async throws -> Response {
        let query = QueryParameters(request: request)
        guard let q = query.string("q") else { throw APIError(.badRequest, "q is required: /api/search?q=words") }
        guard q.count <= 500 else { throw APIError(.badRequest, "q is longer than 500 characters") }
        var before: Int64?
        if let cursor = query.string("cursor") {
            guard let id = Int64(cursor), id > 0 else { throw APIError(.badRequest, "cursor is not one this API gave out; start again without it") }
            before = id
        }
        let page = try await store.search(q, filters: try InvoiceQuery(filtersOf: query), limit: try query.int("limit", default: 20, range: 1...200),
                                          before: before)
        let items = page.items.map { SearchHit(invoice: $0.invoice.resource, snippet: $0.snippet) }
        return try jsonResponse(ResourcePage(items: items, nextCursor: page.nextCursor))
    }
}
