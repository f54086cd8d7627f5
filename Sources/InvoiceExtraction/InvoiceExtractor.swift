// Placeholder until the extraction rules land (issue 3): it reports only what is honestly
// known without reading the invoice's fields, so every field is null and the confidence 0.

/// Turns a document's OCR text into invoice fields.
public enum InvoiceExtractor {
    /// Extracts the invoice fields from `text` (pages joined with form feeds); `ocrConfidence`
    /// is Tesseract's mean word confidence 0...100, nil when unknown.
    public static func extract(text: String, ocrConfidence: Double?) -> ExtractedInvoice {
        ExtractedInvoice()
    }
}

/// What was verified or repaired while extracting.
public struct InvoiceChecks: Sendable, Equatable, Codable {
    /// Creates an empty set of checks.
    public init() {}
}

/// The `invoice` object of the result JSON.
public struct ExtractedInvoice: Sendable, Equatable, Codable {
    public var invoiceType: String?
    public var invoiceSeries: String?
    public var invoiceNumber: String?
    public var invoiceCode: String?
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
    public var confidenceScore: Double = 0
    public var fieldConfidence: [String: Double] = [:]
    public var checks = InvoiceChecks()

    /// An invoice with no field found.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case invoiceType = "invoice_type", invoiceSeries = "invoice_series"
        case invoiceNumber = "invoice_number", invoiceCode = "invoice_code"
        case invoiceDate = "invoice_date", sellerName = "seller_name"
        case sellerTaxCode = "seller_tax_code", buyerName = "buyer_name"
        case buyerTaxCode = "buyer_tax_code", subtotal, vatRate = "vat_rate"
        case vatAmount = "vat_amount", totalAmount = "total_amount", currency
        case amountInWords = "amount_in_words", confidenceScore = "confidence_score"
        case fieldConfidence = "field_confidence", checks
    }

    /// Writes every field, `null` where it was not found.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(invoiceType, forKey: .invoiceType)
        try c.encode(invoiceSeries, forKey: .invoiceSeries)
        try c.encode(invoiceNumber, forKey: .invoiceNumber)
        try c.encode(invoiceCode, forKey: .invoiceCode)
        try c.encode(invoiceDate, forKey: .invoiceDate)
        try c.encode(sellerName, forKey: .sellerName)
        try c.encode(sellerTaxCode, forKey: .sellerTaxCode)
        try c.encode(buyerName, forKey: .buyerName)
        try c.encode(buyerTaxCode, forKey: .buyerTaxCode)
        try c.encode(subtotal, forKey: .subtotal)
        try c.encode(vatRate, forKey: .vatRate)
        try c.encode(vatAmount, forKey: .vatAmount)
        try c.encode(totalAmount, forKey: .totalAmount)
        try c.encode(currency, forKey: .currency)
        try c.encode(amountInWords, forKey: .amountInWords)
        try c.encode(confidenceScore, forKey: .confidenceScore)
        try c.encode(fieldConfidence, forKey: .fieldConfidence)
        try c.encode(checks, forKey: .checks)
    }
}
