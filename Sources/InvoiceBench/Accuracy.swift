import Foundation
import GRDB

/// Extraction accuracy of the daemon's `invoices` rows against the fixtures' expected JSON,
/// field by field, with the comparison rules of `CorpusTests` (numbers to half a cent,
/// strings exactly after Unicode normalisation, a missing field equal only to null).
public struct Accuracy: Sendable, Equatable {
    /// Fields compared, as named in the expected JSON and the `invoices` table.
    public static let fields = [
        "invoice_type", "invoice_series", "invoice_number", "invoice_code", "invoice_date", "seller_name",
        "seller_tax_code", "buyer_name", "buyer_tax_code", "subtotal", "vat_rate", "vat_amount", "total_amount",
        "currency", "amount_in_words",
    ]

    /// Fields exactly right.
    public var right = 0
    /// Fields compared.
    public var total = 0
    /// `file: field` of each miss, for the report.
    public var misses: [String] = []

    /// No fields compared yet.
    public init() {}

    /// Right / total, 0 when nothing was compared.
    public var fraction: Double { total == 0 ? 0 : Double(right) / Double(total) }

    /// A field's expected value, as the fixture's JSON gives it.
    public enum Expected: Sendable, Equatable {
        case null
        case number(Double)
        case text(String)

        init(json: Any?) {
            switch json {
            case let number as NSNumber: self = .number(number.doubleValue)
            case let text as String: self = .text(text)
            default: self = .null
            }
        }
    }

    /// Adds the comparison of every invoice row in `db` whose filename is a fixture's.
    public mutating func add(database db: Database, expectations: [String: [String: Expected]]) throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM invoices") {
            let filename: String = row["filename"]
            guard let expected = expectations[filename] else { continue }
            for field in Self.fields {
                total += 1
                if Self.same(expected[field] ?? .null, row[field] as DatabaseValue) {
                    right += 1
                } else {
                    misses.append("\(filename): \(field)")
                }
            }
        }
    }

    /// Adds another run's comparison.
    public mutating func merge(_ other: Accuracy) {
        right += other.right
        total += other.total
        misses += other.misses
    }

    /// Whether a stored column value equals the expected JSON value.
    static func same(_ expected: Expected, _ actual: DatabaseValue) -> Bool {
        switch (expected, actual.storage) {
        case (.null, .null): return true
        case let (.number(number), .double(value)): return abs(number - value) < 0.005
        case let (.number(number), .int64(value)): return abs(number - Double(value)) < 0.005
        case let (.text(text), .string(value)):
            return text.precomposedStringWithCanonicalMapping == value.precomposedStringWithCanonicalMapping
        default: return false
        }
    }

    /// The expected fields of `invoices`, by filename.
    public static func expectations(_ invoices: [Corpus.Invoice]) throws -> [String: [String: Expected]] {
        var result: [String: [String: Expected]] = [:]
        for invoice in invoices {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: invoice.expectedPath)))
            let fields = object as? [String: Any] ?? [:]
            result[invoice.filename] = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, Expected(json: fields[$0])) })
        }
        return result
    }
}
