import Foundation
import GRDB

/// A question about the invoices as filters: words to find and fields to match. Every
/// filter that is set must hold; nil means "any".
public struct InvoiceQuery: Sendable, Equatable {
    /// Words looked up in the full-text index (OCR text and fields), accents optional.
    public var text: String?
    /// `invoice_type`, exactly (`electricity`, `water`, ...).
    public var type: String?
    /// Part of the seller's name, matched without case or diacritics.
    public var seller: String?
    /// Part of the buyer's name, matched without case or diacritics.
    public var buyer: String?
    /// Invoice dates, ISO `YYYY-MM-DD`, inclusive; an invoice without a date never matches.
    public var from: String?
    public var to: String?
    /// Bounds on `total_amount`, inclusive; an invoice without a total never matches.
    public var minTotal: Double?
    public var maxTotal: Double?
    /// `currency`, e.g. `VND`, compared without case.
    public var currency: String?
    /// Only the invoices that need review (true) or only those that do not (false).
    public var needsReview: Bool?

    public init(text: String? = nil, type: String? = nil, seller: String? = nil, buyer: String? = nil, from: String? = nil,
                to: String? = nil, minTotal: Double? = nil, maxTotal: Double? = nil, currency: String? = nil,
                needsReview: Bool? = nil) {
        self.text = text
        self.type = type
        self.seller = seller
        self.buyer = buyer
        self.from = from
        self.to = to
        self.minTotal = minTotal
        self.maxTotal = maxTotal
        self.currency = currency
        self.needsReview = needsReview
    }

    /// The SQL condition on `invoices` for these filters and its arguments; "1" when none is set.
    func condition() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let text, let match = SearchText.ftsQuery(text) {
            clauses.append("invoices.id IN (SELECT rowid FROM invoices_fts WHERE invoices_fts MATCH ?)")
            arguments += [match]
        } else if text != nil {
            // Only punctuation: nothing can match, rather than everything.
            clauses.append("0")
        }
        if let type {
            clauses.append("invoices.invoice_type = ?")
            arguments += [type]
        }
        if let seller {
            clauses.append("invoices.seller_folded LIKE ? ESCAPE '\\'")
            arguments += ["%\(Self.likeEscaped(SearchText.fold(seller)))%"]
        }
        if let buyer {
            clauses.append("\(SQLFunctions.fold.name)(invoices.buyer_name) LIKE ? ESCAPE '\\'")
            arguments += ["%\(Self.likeEscaped(SearchText.fold(buyer)))%"]
        }
        if let from {
            clauses.append("invoices.invoice_date >= ?")
            arguments += [from]
        }
        if let to {
            clauses.append("invoices.invoice_date <= ?")
            arguments += [to]
        }
        if let minTotal {
            clauses.append("invoices.total_amount >= ?")
            arguments += [minTotal]
        }
        if let maxTotal {
            clauses.append("invoices.total_amount <= ?")
            arguments += [maxTotal]
        }
        if let currency {
            clauses.append("UPPER(invoices.currency) = UPPER(?)")
            arguments += [currency]
        }
        if let needsReview {
            clauses.append("invoices.needs_review = ?")
            arguments += [needsReview]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    public static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
