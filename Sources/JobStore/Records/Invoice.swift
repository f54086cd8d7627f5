import APIWire
import Foundation
import GRDB

/// One row of `invoices`: the fields read from a finished job.
///
/// The seed system's columns keep their names (`id`, `filename`, `invoice_code`,
/// `invoice_type`, `buyer_name`, `seller_name`, `total_amount`, `confidence_score`,
/// `raw_text`, `invoice_date`, `created_at`); the rest are this daemon's own.
public struct Invoice: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "invoices"

    public var id: Int64?
    public var jobId: String
    public var filename: String
    public var invoiceCode: String?
    public var invoiceType: String?
    public var invoiceSeries: String?
    public var invoiceNumber: String?
    public var invoiceDate: String?
    public var sellerName: String?
    public var sellerTaxCode: String?
    public var buyerName: String?
    public var buyerTaxCode: String?
    public var subtotal: Double?
    public var vatRate: Double?
    public var vatAmount: Double?
    public var totalAmount: Double?
    public var currency: String?
    public var amountInWords: String?
    public var confidenceScore: Double?
    /// The extractor's `checks` object, as JSON text.
    public var checksJson: String?
    /// The extractor's trust in each field (`field_confidence`, field name → 0…1), as JSON text.
    public var fieldConfidenceJson: String?
    public var rawText: String
    public var ocrConfidence: Double?
    public var sha256: String?
    public var uploader: String?
    public var userId: String?
    public var createdAt: Date
    /// `seller_name` folded for case- and accent-insensitive filtering.
    public var sellerFolded: String?
    /// One of the checks that compare the invoice with itself failed (totals, words, tax
    /// codes: one of `ReviewRule.checkKeys` is false), whatever the score.
    public var checksFailed = false
    /// A person should look at it: a check failed or the score is under
    /// `extraction.review_below` (`ReviewRule`).
    public var needsReview = false

    /// What the search index holds for this invoice: its fields and its text.
    public var searchBody: String {
        [invoiceCode, invoiceNumber, sellerName, sellerTaxCode, buyerName, buyerTaxCode, invoiceType, filename, rawText]
            .compactMap { $0 }.joined(separator: "\n")
    }

    /// The `invoices` columns: GRDB reads and writes the row through these, and queries name
    /// columns by them (`Columns`), so each column's name is written here once.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, jobId = "job_id", filename
        case invoiceCode = "invoice_code", invoiceType = "invoice_type", invoiceSeries = "invoice_series"
        case invoiceNumber = "invoice_number", invoiceDate = "invoice_date"
        case sellerName = "seller_name", sellerTaxCode = "seller_tax_code", buyerName = "buyer_name", buyerTaxCode = "buyer_tax_code"
        case subtotal, vatRate = "vat_rate", vatAmount = "vat_amount", totalAmount = "total_amount", currency
        case amountInWords = "amount_in_words", confidenceScore = "confidence_score", checksJson = "checks_json"
        case fieldConfidenceJson = "field_confidence_json"
        case rawText = "raw_text", ocrConfidence = "ocr_confidence", sha256, uploader, userId = "user_id"
        case createdAt = "created_at", sellerFolded = "seller_folded", checksFailed = "checks_failed", needsReview = "needs_review"
    }

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let jobId = Column(CodingKeys.jobId)
        public static let needsReview = Column(CodingKeys.needsReview)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// An invoice row for `jobId`; fields left nil were not found.
    public init(jobId: String, filename: String, rawText: String, createdAt: Date) {
        self.jobId = jobId
        self.filename = filename
        self.rawText = rawText
        self.createdAt = createdAt
    }
}

extension Invoice {
    /// The invoice as the API shows it. (Only a row not yet inserted lacks an id, and such a
    /// row is never shown.)
    public var resource: InvoiceResource {
        InvoiceResource(id: id ?? 0, jobId: jobId, filename: filename, invoiceCode: invoiceCode, invoiceType: invoiceType,
                        invoiceSeries: invoiceSeries, invoiceNumber: invoiceNumber, invoiceDate: invoiceDate, sellerName: sellerName,
                        sellerTaxCode: sellerTaxCode, buyerName: buyerName, buyerTaxCode: buyerTaxCode, subtotal: subtotal,
                        vatRate: vatRate, vatAmount: vatAmount, totalAmount: totalAmount, currency: currency,
                        amountInWords: amountInWords, confidenceScore: confidenceScore, needsReview: needsReview,
                        ocrConfidence: ocrConfidence, uploader: uploader, userId: userId, createdAt: createdAt)
    }

    /// The extractor's trust in each field; empty for invoices read before it was stored.
    public var fieldConfidence: [String: Double] {
        guard let text = fieldConfidenceJson, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: Double].self, from: data)) ?? [:]
    }

    /// The checks of the reading, parsed; nil when none were stored.
    public var checks: JSONValue? {
        checksJson.flatMap { $0.isEmpty ? nil : JSONValue.parse($0) }
    }
}
