import Foundation
import JobStore
import PostgresNIO

// Apart from the other reads: APIWire has a SearchHit of its own (the wire type), and this
// file does not import it.
extension PostgresInvoiceStore {
    /// The newest matches first, as on SQLite; words through the search table's GIN index.
    public func search(_ query: String, filters: InvoiceQuery, limit: Int, before: Int64?) async throws -> Page<SearchHit> {
        guard SearchText.tsQuery(query) != nil else { return Page(items: [], nextCursor: nil) }
        var filters = filters
        filters.text = query
        var parameters = PostgresParameters()
        let condition = PostgresInvoiceConditions.condition(filters, &parameters)
        let rows = try invoices(await session.query("""
            SELECT * FROM invoices WHERE \(condition) AND id < \(parameters.add(before ?? Int64.max))
            ORDER BY id DESC LIMIT \(parameters.add(limit + 1))
            """, parameters.binds))
        let hits = rows.prefix(limit).map { SearchHit(invoice: $0, snippet: SearchText.snippet($0.searchBody, query: query)) }
        return Page(items: Array(hits), nextCursor: rows.count > limit ? hits.last?.invoice.id.map(String.init) : nil)
    }
}
