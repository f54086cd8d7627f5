import Foundation

/// An invoice as the API shows it (the items of `/api/invoices/list`): the seed's `invoices`
/// columns and this daemon's own, every key present, null for what was not read.
/// OpenAPI: `#/components/schemas/Invoice`.
public struct InvoiceResource: Codable, Sendable, Equatable {
    public var id: Int64
    public var jobId: String
    public var filename: String
    @Nullable public var invoiceCode: String?
    /// goods, service, retail, …
    @Nullable public var invoiceType: String?
    @Nullable public var invoiceSeries: String?
    @Nullable public var invoiceNumber: String?
    /// YYYY-MM-DD as read from the invoice.
    @Nullable public var invoiceDate: String?
    @Nullable public var sellerName: String?
    @Nullable public var sellerTaxCode: String?
    @Nullable public var buyerName: String?
    @Nullable public var buyerTaxCode: String?
    @Nullable public var subtotal: Double?
    @Nullable public var vatRate: Double?
    @Nullable public var vatAmount: Double?
    @Nullable public var totalAmount: Double?
    /// ISO 4217.
    @Nullable public var currency: String?
    @Nullable public var amountInWords: String?
    /// 0…1: how sure the reading is.
    @Nullable public var confidenceScore: Double?
    /// A person should look at it: a check failed or the score is under `extraction.review_below`.
    public var needsReview: Bool
    /// Tesseract's mean word confidence, 0…100.
    @Nullable public var ocrConfidence: Double?
    @Nullable public var uploader: String?
    @Nullable public var userId: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, jobId = "job_id", filename
        case invoiceCode = "invoice_code", invoiceType = "invoice_type", invoiceSeries = "invoice_series"
        case invoiceNumber = "invoice_number", invoiceDate = "invoice_date"
        case sellerName = "seller_name", sellerTaxCode = "seller_tax_code", buyerName = "buyer_name", buyerTaxCode = "buyer_tax_code"
        case subtotal, vatRate = "vat_rate", vatAmount = "vat_amount", totalAmount = "total_amount", currency
        case amountInWords = "amount_in_words", confidenceScore = "confidence_score", needsReview = "needs_review"
        case ocrConfidence = "ocr_confidence", uploader, userId = "user_id", createdAt = "created_at"
    }

    /// Every field; none has a default, so a field added here is one the compiler asks
    /// every maker of an invoice resource for.
    public init(id: Int64, jobId: String, filename: String, invoiceCode: String?, invoiceType: String?, invoiceSeries: String?,
                invoiceNumber: String?, invoiceDate: String?, sellerName: String?, sellerTaxCode: String?, buyerName: String?,
                buyerTaxCode: String?, subtotal: Double?, vatRate: Double?, vatAmount: Double?, totalAmount: Double?,
                currency: String?, amountInWords: String?, confidenceScore: Double?, needsReview: Bool, ocrConfidence: Double?,
                uploader: String?, userId: String?, createdAt: Date) {
        self.id = id
        self.jobId = jobId
        self.filename = filename
        self.invoiceCode = invoiceCode
        self.invoiceType = invoiceType
        self.invoiceSeries = invoiceSeries
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
        self.sellerName = sellerName
        self.sellerTaxCode = sellerTaxCode
        self.buyerName = buyerName
        self.buyerTaxCode = buyerTaxCode
        self.subtotal = subtotal
        self.vatRate = vatRate
        self.vatAmount = vatAmount
        self.totalAmount = totalAmount
        self.currency = currency
        self.amountInWords = amountInWords
        self.confidenceScore = confidenceScore
        self.needsReview = needsReview
        self.ocrConfidence = ocrConfidence
        self.uploader = uploader
        self.userId = userId
        self.createdAt = createdAt
    }
}

/// One invoice with its text, its checks, the job that read it and what people changed
/// (`GET /api/invoices/{id}`). OpenAPI: `#/components/schemas/InvoiceDetail` (the invoice's
/// keys and these four).
public struct InvoiceDetail: Codable, Sendable, Equatable {
    public var invoice: InvoiceResource
    /// The OCR text.
    public var rawText: String
    /// The checks of the reading, as the pipeline stored them; null when there are none.
    @Nullable public var checks: JSONValue?
    /// The job that read it; null once the job is gone.
    @Nullable public var job: JobResource?
    /// Every change people made, oldest first; a field changed here has the person as its
    /// source (confidence 1).
    public var edits: [InvoiceEditResource]
    /// Trust in each field, 0…1, by field name: the extractor's, 1 for a field a person
    /// corrected; empty for an invoice read before it was kept.
    public var fieldConfidence: [String: Double]

    enum CodingKeys: String, CodingKey {
        case rawText = "raw_text", checks, job, edits, fieldConfidence = "field_confidence"
    }

    public init(invoice: InvoiceResource, rawText: String, checks: JSONValue?, job: JobResource?, edits: [InvoiceEditResource],
                fieldConfidence: [String: Double]) {
        self.invoice = invoice
        self.rawText = rawText
        self.checks = checks
        self.job = job
        self.edits = edits
        self.fieldConfidence = fieldConfidence
    }

    // The invoice's keys sit beside these, in one object, as the seed answered.
    public init(from decoder: any Decoder) throws {
        invoice = try InvoiceResource(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rawText = try container.decode(String.self, forKey: .rawText)
        _checks = try container.decode(Nullable<JSONValue>.self, forKey: .checks)
        _job = try container.decode(Nullable<JobResource>.self, forKey: .job)
        // An older daemon has no edits.
        edits = try container.decodeIfPresent([InvoiceEditResource].self, forKey: .edits) ?? []
        fieldConfidence = try container.decodeIfPresent([String: Double].self, forKey: .fieldConfidence) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        try invoice.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rawText, forKey: .rawText)
        try container.encode(_checks, forKey: .checks)
        try container.encode(_job, forKey: .job)
        try container.encode(edits, forKey: .edits)
        try container.encode(fieldConfidence, forKey: .fieldConfidence)
    }
}

/// An invoice found by `/api/search`, with where the words matched.
/// OpenAPI: `#/components/schemas/SearchHit` (the invoice's keys and `snippet`).
public struct SearchHit: Codable, Sendable, Equatable {
    public var invoice: InvoiceResource
    /// The matching words in `<mark>`, the rest of the text escaped.
    @Nullable public var snippet: String?

    enum CodingKeys: String, CodingKey {
        case snippet
    }

    public init(invoice: InvoiceResource, snippet: String?) {
        self.invoice = invoice
        self.snippet = snippet
    }

    public init(from decoder: any Decoder) throws {
        invoice = try InvoiceResource(from: decoder)
        _snippet = try decoder.container(keyedBy: CodingKeys.self).decode(Nullable<String>.self, forKey: .snippet)
    }

    public func encode(to encoder: any Encoder) throws {
        try invoice.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_snippet, forKey: .snippet)
    }
}
