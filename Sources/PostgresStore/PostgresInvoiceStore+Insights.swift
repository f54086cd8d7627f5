import Foundation
import JobStore
import PostgresNIO

/// Chat's questions about the invoices on the shared store, answered by exact SQL: amounts
/// are `numeric`, so sums are exact however many invoices they add.
extension PostgresInvoiceStore {
    public func findInvoices(_ query: InvoiceQuery, limit: Int) async throws -> InvoiceMatches {
        var parameters = PostgresParameters()
        let condition = PostgresInvoiceConditions.condition(query, &parameters)
        let countBinds = parameters.binds
        // With words, the newest matches first (as search); else the newest dates.
        let order = query.text.flatMap(SearchText.tsQuery) != nil ? "id DESC" : "invoice_date DESC NULLS LAST, id DESC"
        let rowsSQL = "SELECT * FROM invoices WHERE \(condition) ORDER BY \(order) LIMIT \(parameters.add(limit))"
        return try await session.withConnection { connection in
            let total = try await session.query("SELECT count(*) FROM invoices WHERE \(condition)", countBinds, on: connection)
                .rows.first?.decode(Int64.self) ?? 0
            return InvoiceMatches(total: Int(total), invoices: try invoices(await session.query(rowsSQL, parameters.binds, on: connection)))
        }
    }

    public func sumsByCurrency(_ query: InvoiceQuery) async throws -> [InvoiceAggregate] {
        try await aggregate(query, key: nil, grouping: .currency, withDetails: false)
    }

    public func aggregateInvoices(_ query: InvoiceQuery, by grouping: InvoiceGrouping) async throws -> [InvoiceAggregate] {
        let key: String? = switch grouping {
        case .none, .currency: nil
        case .type: "invoices.invoice_type"
        case .seller: "invoices.seller_folded"
        case .month: "substr(invoices.invoice_date, 1, 7)"
        }
        return try await aggregate(query, key: key, grouping: grouping, withDetails: true)
    }

    /// Counts and sums per `key` (nil: none) and currency, ordered as SQLite orders them
    /// (byte order, those without the key last). Amounts beyond the extractor's range
    /// (`MoneyRange.largest`, 1e15) count as none, as on SQLite.
    private func aggregate(_ query: InvoiceQuery, key: String?, grouping: InvoiceGrouping,
                           withDetails: Bool) async throws -> [InvoiceAggregate] {
        var parameters = PostgresParameters()
        let condition = PostgresInvoiceConditions.condition(query, &parameters)
        let group = key.map { "\($0) COLLATE \"C\"" } ?? "NULL::text"
        let total = "CASE WHEN abs(invoices.total_amount) <= 1e15 THEN invoices.total_amount END"
        let vat = "CASE WHEN abs(invoices.vat_amount) <= 1e15 THEN invoices.vat_amount END"
        let result = try await session.query("""
            SELECT \(group) AS grp, min(invoices.seller_name) AS seller, upper(invoices.currency) COLLATE "C" AS cur,
                count(*) AS n, count(\(total)) AS n_total, coalesce(round(sum(\(total)) * 100), 0)::text AS total_cents,
                count(\(vat)) AS n_vat, coalesce(round(sum(\(vat)) * 100), 0)::text AS vat_cents,
                min(invoices.invoice_date) AS first_date, max(invoices.invoice_date) AS last_date,
                \(withDetails ? "string_agg(invoices.id::text, ',')" : "NULL::text") AS ids
            FROM invoices WHERE \(condition)
            GROUP BY grp, cur
            ORDER BY grp NULLS LAST, cur NULLS LAST
            """, parameters.binds)
        return try result.rows.map { row in
            let (groupKey, seller, currency, count, countWithTotal, totalCents, countWithVAT, vatCents, firstDate, lastDate, ids) =
                try row.decode((String?, String?, String?, Int64, Int64, String, Int64, String, String?, String?, String?).self)
            return InvoiceAggregate(
                key: groupKey, label: grouping == .seller ? seller : groupKey, currency: currency, count: Int(count),
                countWithTotal: Int(countWithTotal), totalCents: Self.cents(totalCents), countWithVAT: Int(countWithVAT),
                vatCents: Self.cents(vatCents), firstDate: withDetails ? firstDate : nil, lastDate: withDetails ? lastDate : nil,
                invoiceIds: ids.map { $0.split(separator: ",").compactMap { Int64($0) }.sorted() } ?? [])
        }
    }

    /// A sum of hundredths, exact in `numeric`, clamped into Int64 (with every amount under
    /// 1e15 the clamp is only a guard).
    static func cents(_ text: String) -> Int64 {
        if let exact = Int64(text) { return exact }
        return text.hasPrefix("-") ? .min : .max
    }
}
