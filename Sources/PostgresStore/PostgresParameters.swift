import Foundation
import JobStore
import PostgresNIO

/// A statement's parameters as it is written: each value appended returns its placeholder
/// (`$1`, `$2`, …), so conditions built piece by piece never number them by hand.
struct PostgresParameters {
    private(set) var binds = PostgresBindings()

    /// Appends `value` (NULL when nil) and returns its placeholder.
    mutating func add(_ value: (any PostgresDynamicTypeEncodable)?) -> String {
        if let value { binds.append(value) } else { binds.appendNull() }
        return "$\(binds.count)"
    }
}

/// The SQL conditions of the invoice filters on PostgreSQL: the same filters as the SQLite
/// store's `InvoiceQuery.condition()`, each matched the same way (names folded by
/// `SearchText.fold` on both sides, words through the search table).
enum PostgresInvoiceConditions {
    /// The condition on `invoices` for `query`, its values appended to `parameters`; "true"
    /// when nothing is set.
    static func condition(_ query: InvoiceQuery, _ parameters: inout PostgresParameters) -> String {
        var clauses: [String] = []
        if let text = query.text {
            if let match = SearchText.tsQuery(text) {
                clauses.append("invoices.id IN (SELECT invoice_id FROM invoice_search WHERE body @@ to_tsquery('simple', \(parameters.add(match))))")
            } else {
                // Only punctuation: nothing can match, rather than everything.
                clauses.append("false")
            }
        }
        if let type = query.type { clauses.append("invoices.invoice_type = \(parameters.add(type))") }
        if let seller = query.seller {
            clauses.append("invoices.seller_folded LIKE \(parameters.add(like(seller))) ESCAPE '\\'")
        }
        if let buyer = query.buyer {
            clauses.append("invoices.id IN (SELECT invoice_id FROM invoice_search WHERE buyer_folded LIKE \(parameters.add(like(buyer))) ESCAPE '\\')")
        }
        if let from = query.from { clauses.append("invoices.invoice_date >= \(parameters.add(from))") }
        if let to = query.to { clauses.append("invoices.invoice_date <= \(parameters.add(to))") }
        if let minTotal = query.minTotal { clauses.append("invoices.total_amount >= \(parameters.add(minTotal))::numeric") }
        if let maxTotal = query.maxTotal { clauses.append("invoices.total_amount <= \(parameters.add(maxTotal))::numeric") }
        if let currency = query.currency { clauses.append("UPPER(invoices.currency) = UPPER(\(parameters.add(currency)))") }
        if let needsReview = query.needsReview { clauses.append("invoices.needs_review = \(parameters.add(needsReview))") }
        return clauses.isEmpty ? "true" : clauses.joined(separator: " AND ")
    }

    /// The filters of an invoice list as a query.
    static func query(of filter: InvoiceFilter) -> InvoiceQuery {
        InvoiceQuery(type: filter.type, seller: filter.seller, from: filter.from, to: filter.to, minTotal: filter.minTotal,
                     maxTotal: filter.maxTotal, needsReview: filter.needsReview)
    }

    /// `%folded%` with LIKE's own characters escaped.
    private static func like(_ name: String) -> String {
        "%\(InvoiceQuery.likeEscaped(SearchText.fold(name)))%"
    }
}
