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

    /// Column names for queries.
    public enum Columns {
        public static let id = Column("id")
        public static let jobId = Column("job_id")
        public static let needsReview = Column("needs_review")
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
    /// Reads a row by column name. GRDB's Codable decoding converted every column name from
    /// snake case for every row, 40 % of the CPU of an invoice list page (docs/BENCHMARKS.md).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        jobId = try row.decode(forColumn: "job_id")
        filename = try row.decode(forColumn: "filename")
        invoiceCode = try row.decode(forColumn: "invoice_code")
        invoiceType = try row.decode(forColumn: "invoice_type")
        invoiceSeries = try row.decode(forColumn: "invoice_series")
        invoiceNumber = try row.decode(forColumn: "invoice_number")
        invoiceDate = try row.decode(forColumn: "invoice_date")
        sellerName = try row.decode(forColumn: "seller_name")
        sellerTaxCode = try row.decode(forColumn: "seller_tax_code")
        buyerName = try row.decode(forColumn: "buyer_name")
        buyerTaxCode = try row.decode(forColumn: "buyer_tax_code")
        subtotal = try row.decode(forColumn: "subtotal")
        vatRate = try row.decode(forColumn: "vat_rate")
        vatAmount = try row.decode(forColumn: "vat_amount")
        totalAmount = try row.decode(forColumn: "total_amount")
        currency = try row.decode(forColumn: "currency")
        amountInWords = try row.decode(forColumn: "amount_in_words")
        confidenceScore = try row.decode(forColumn: "confidence_score")
        checksJson = try row.decode(forColumn: "checks_json")
        rawText = try row.decode(forColumn: "raw_text")
        ocrConfidence = try row.decode(forColumn: "ocr_confidence")
        sha256 = try row.decode(forColumn: "sha256")
        uploader = try row.decode(forColumn: "uploader")
        userId = try row.decode(forColumn: "user_id")
        createdAt = try row.decode(forColumn: "created_at")
        sellerFolded = try row.decode(forColumn: "seller_folded")
        // Absent until migration v8, and migration v2 reads its rows through this initialiser.
        checksFailed = (row["checks_failed"] as Bool?) ?? false
        needsReview = (row["needs_review"] as Bool?) ?? false
    }
}
