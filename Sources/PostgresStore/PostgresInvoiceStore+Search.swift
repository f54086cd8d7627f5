import Foundation
import JobStore
import PostgresNIO

// Apart from the other reads: APIWire has a SearchHit of its own (the wire type), and this
// file does not import it.
extension PostgresInvoiceStore {
    /// The newest matches first, as on SQLite; words through the search table's GIN index.
    ///
    /// In two steps, because the planner cannot tell how many invoices a word prefix
    /// matches (it guesses 0.5 %): trusting that guess, a search for an invoice number walked
    /// every invoice from the newest looking for its one match (627 ms at a million). So the
    /// newest `searchWindow` ids (20,000) are searched first, whichever way the planner likes (cheap
    /// both ways over that many); only when they hold too few matches are all the older
    /// matches taken from the index at once (`MATERIALIZED`: few, or the window would have
    /// held enough) and the newest of them kept.
    public func search(_ query: String, filters: InvoiceQuery, limit: Int, before: Int64?) async throws -> Page<SearchHit> {
        guard let match = SearchText.tsQuery(query) else { return Page(items: [], nextCursor: nil) }
        var filters = filters
        filters.text = nil
        var top = before ?? 0
        if before == nil {
            top = try await session.query("SELECT COALESCE(max(id), 0) + 1 FROM invoices").rows.first?.decode(Int64.self) ?? 1
        }
        let windowStart = top - searchWindow
        var rows = try await searchRows(match, filters, limit: limit + 1, ids: "BETWEEN $2 AND $3 - 1", bounds: (windowStart, top))
        if rows.count <= limit && windowStart > 0 {
            rows += try await searchRows(match, filters, limit: limit + 1 - rows.count, ids: "< $2", bounds: (windowStart, nil),
                                         materialized: true)
        }
        let hits = rows.prefix(limit).map { SearchHit(invoice: $0, snippet: SearchText.snippet($0.searchBody, query: query)) }
        return Page(items: Array(hits), nextCursor: rows.count > limit ? hits.last?.invoice.id.map(String.init) : nil)
    }

    /// The newest `limit` invoices that match `match` (`$1`), have an id `ids` (with the
    /// bounds as `$2` and `$3`) and pass `filters`. The bounds hold on both tables: walking the
    /// invoices newest first must stop at the window's end too.
    private func searchRows(_ match: String, _ filters: InvoiceQuery, limit: Int, ids: String,
                            bounds: (Int64, Int64?), materialized: Bool = false) async throws -> [Invoice] {
        var parameters = PostgresParameters()
        _ = parameters.add(match)
        _ = parameters.add(bounds.0)
        if let upper = bounds.1 { _ = parameters.add(upper) }
        let condition = PostgresInvoiceConditions.condition(filters, &parameters)
        let matches = "SELECT invoice_id FROM invoice_search WHERE body @@ to_tsquery('simple', $1) AND invoice_id \(ids)"
        let sql = materialized
            ? "WITH matches AS MATERIALIZED (\(matches)) SELECT * FROM invoices WHERE id IN (SELECT invoice_id FROM matches)"
            : "SELECT * FROM invoices WHERE id IN (\(matches))"
        return try invoices(await session.query("\(sql) AND id \(ids) AND \(condition) ORDER BY id DESC LIMIT \(parameters.add(limit))",
                                                parameters.binds))
    }
}
