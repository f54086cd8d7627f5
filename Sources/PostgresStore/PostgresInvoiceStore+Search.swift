import Foundation
import JobStore
import PostgresNIO

// Apart from the other reads: APIWire has a SearchHit of its own (the wire type), and this
// file does not import it.
extension PostgresInvoiceStore {
    /// The newest matches first, as on SQLite; words through the search table's GIN index.
    ///
    /// In steps, because the planner cannot tell how many invoices a word prefix matches (it
    /// guesses 0.5 %): trusting that guess, a search for an invoice number walked every
    /// invoice from the newest looking for its one match (627 ms at a million). So the newest
    /// `searchWindow` ids (20,000) are searched first, bounded on both tables (cheap whichever
    /// way the planner goes over that many). Only when they hold too few matches are older
    /// ones taken, from the index alone (`olderMatches`), a batch at a time, newest first.
    public func search(_ query: String, filters: InvoiceQuery, limit: Int, before: Int64?) async throws -> Page<SearchHit> {
        guard let match = SearchText.tsQuery(query) else { return Page(items: [], nextCursor: nil) }
        var filters = filters
        filters.text = nil
        var top = before ?? 0
        if before == nil {
            top = try await session.query("SELECT COALESCE(max(id), 0) + 1 FROM invoices").rows.first?.decode(Int64.self) ?? 1
        }
        var below = top - searchWindow
        var parameters = PostgresParameters()
        let (words, low, high) = (parameters.add(match), parameters.add(below), parameters.add(top))
        let condition = PostgresInvoiceConditions.condition(filters, &parameters)
        var rows = try invoices(await session.query("""
            SELECT * FROM invoices WHERE id IN (
                SELECT invoice_id FROM invoice_search WHERE body @@ to_tsquery('simple', \(words)) AND invoice_id >= \(low) AND invoice_id < \(high))
            AND id >= \(low) AND id < \(high) AND \(condition) ORDER BY id DESC LIMIT \(parameters.add(limit + 1))
            """, parameters.binds))
        while rows.count <= limit && below > 0 {
            let ids = try await olderMatches(match, below: below)
            guard let oldest = ids.last else { break }
            var parameters = PostgresParameters()
            let list = parameters.add(ids)
            let condition = PostgresInvoiceConditions.condition(filters, &parameters)
            rows += try invoices(await session.query("""
                SELECT * FROM invoices WHERE id = ANY(\(list)) AND \(condition) ORDER BY id DESC LIMIT \(parameters.add(limit + 1 - rows.count))
                """, parameters.binds))
            below = ids.count < searchBatch ? 0 : oldest
        }
        let hits = rows.prefix(limit).map { SearchHit(invoice: $0, snippet: SearchText.snippet($0.searchBody, query: query)) }
        return Page(items: Array(hits), nextCursor: rows.count > limit ? hits.last?.invoice.id.map(String.init) : nil)
    }

    /// The ids of the newest `searchBatch` (2,000) matches below `below`, found through the
    /// GIN index only: walking the table in id order is ruled out for this statement, as the
    /// planner would pick it on its guess of many matches.
    private func olderMatches(_ match: String, below: Int64) async throws -> [Int64] {
        try await session.inTransaction { connection in
            try await session.query("SET LOCAL enable_indexscan = off", on: connection)
            try await session.query("SET LOCAL enable_seqscan = off", on: connection)
            return try await session.query("""
                SELECT invoice_id FROM invoice_search WHERE body @@ to_tsquery('simple', $1) AND invoice_id < $2
                ORDER BY invoice_id DESC LIMIT $3
                """, binds(match, below, searchBatch), on: connection).rows.map { try $0.decode(Int64.self) }
        }
    }
}
