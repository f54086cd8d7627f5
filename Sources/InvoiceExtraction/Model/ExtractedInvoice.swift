/// The `invoice` object of the result JSON (see DESIGN.md): the fields read
/// from one document, what was checked, and how far to trust them.
///
/// Encodes with the snake_case keys of the result contract and writes `null`
/// for every field that was not found, so that consumers can rely on every key
/// being present.
public struct ExtractedInvoice: Sendable, Equatable, Codable {
    /// `general`, `electricity`, `water`, `telecom`, `service` or `retail`.
    public var invoiceType: String?
    /// Invoice series (ký hiệu), e.g. "1C26TTU".
    public var invoiceSeries: String?
    /// Invoice number (số), as printed, e.g. "00002486".
    public var invoiceNumber: String?
    /// "SERIES-NUMBER", or the number alone when there is no series.
    public var invoiceCode: String?
    /// Issue date, ISO "YYYY-MM-DD".
    public var invoiceDate: String?
    /// Seller's name as printed.
    public var sellerName: String?
    /// Seller's tax code, "0100233488" or "0314409058-002".
    public var sellerTaxCode: String?
    /// Buyer: the company when printed, else the person; nil for a walk-in customer.
    public var buyerName: String?
    /// Buyer's tax code.
    public var buyerTaxCode: String?
    /// Amount before VAT.
    public var subtotal: Double?
    /// VAT rate in percent (10 for 10 %); nil when not subject to VAT or not printed.
    public var vatRate: Double?
    /// VAT amount.
    public var vatAmount: Double?
    /// Total payable.
    public var totalAmount: Double?
    /// ISO 4217 code; "VND" unless the document says otherwise.
    public var currency: String?
    /// The total in words, as printed.
    public var amountInWords: String?
    /// Trust in the whole extraction, 0…1 (see Scoring.swift).
    public var confidenceScore: Double
    /// Trust per field, keyed by the field's snake_case name.
    public var fieldConfidence: [String: Double]
    /// What was verified and what was repaired.
    public var checks: InvoiceChecks

    /// Creates an invoice; every field defaults to "not found".
    public init(
        invoiceType: String? = nil, invoiceSeries: String? = nil, invoiceNumber: String? = nil,
        invoiceCode: String? = nil, invoiceDate: String? = nil, sellerName: String? = nil,
        sellerTaxCode: String? = nil, buyerName: String? = nil, buyerTaxCode: String? = nil,
        subtotal: Double? = nil, vatRate: Double? = nil, vatAmount: Double? = nil, totalAmount: Double? = nil,
        currency: String? = nil, amountInWords: String? = nil, confidenceScore: Double = 0,
        fieldConfidence: [String: Double] = [:], checks: InvoiceChecks = InvoiceChecks()
    ) {
        self.invoiceType = invoiceType
        self.invoiceSeries = invoiceSeries
        self.invoiceNumber = invoiceNumber
        self.invoiceCode = invoiceCode
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
        self.fieldConfidence = fieldConfidence
        self.checks = checks
    }

    /// The keys of the JSON object: each field's (`InvoiceField`), then the three that judge them.
    struct CodingKeys: CodingKey, Sendable {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(_ field: InvoiceField) { stringValue = field.rawValue }

        static let confidenceScore = CodingKeys(stringValue: "confidence_score")
        static let fieldConfidence = CodingKeys(stringValue: "field_confidence")
        static let checks = CodingKeys(stringValue: "checks")
    }

    /// Encodes every key, with an explicit `null` for a missing field.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ value: String?, _ field: InvoiceField) throws {
            if let value { try c.encode(value, forKey: CodingKeys(field)) } else { try c.encodeNil(forKey: CodingKeys(field)) }
        }
        func put(_ value: Double?, _ field: InvoiceField) throws {
            if let value { try c.encode(value, forKey: CodingKeys(field)) } else { try c.encodeNil(forKey: CodingKeys(field)) }
        }
        try put(invoiceType, .invoiceType)
        try put(invoiceSeries, .invoiceSeries)
        try put(invoiceNumber, .invoiceNumber)
        try put(invoiceCode, .invoiceCode)
        try put(invoiceDate, .invoiceDate)
        try put(sellerName, .sellerName)
        try put(sellerTaxCode, .sellerTaxCode)
        try put(buyerName, .buyerName)
        try put(buyerTaxCode, .buyerTaxCode)
        try put(subtotal, .subtotal)
        try put(vatRate, .vatRate)
        try put(vatAmount, .vatAmount)
        try put(totalAmount, .totalAmount)
        try put(currency, .currency)
        try put(amountInWords, .amountInWords)
        try c.encode(confidenceScore, forKey: .confidenceScore)
        try c.encode(fieldConfidence, forKey: .fieldConfidence)
        try c.encode(checks, forKey: .checks)
    }

    /// Decodes the encoded form; missing keys read as "not found".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ field: InvoiceField) throws -> String? { try c.decodeIfPresent(String.self, forKey: CodingKeys(field)) }
        func amount(_ field: InvoiceField) throws -> Double? { try c.decodeIfPresent(Double.self, forKey: CodingKeys(field)) }
        invoiceType = try text(.invoiceType)
        invoiceSeries = try text(.invoiceSeries)
        invoiceNumber = try text(.invoiceNumber)
        invoiceCode = try text(.invoiceCode)
        invoiceDate = try text(.invoiceDate)
        sellerName = try text(.sellerName)
        sellerTaxCode = try text(.sellerTaxCode)
        buyerName = try text(.buyerName)
        buyerTaxCode = try text(.buyerTaxCode)
        subtotal = try amount(.subtotal)
        vatRate = try amount(.vatRate)
        vatAmount = try amount(.vatAmount)
        totalAmount = try amount(.totalAmount)
        currency = try text(.currency)
        amountInWords = try text(.amountInWords)
        confidenceScore = try c.decodeIfPresent(Double.self, forKey: .confidenceScore) ?? 0
        fieldConfidence = try c.decodeIfPresent([String: Double].self, forKey: .fieldConfidence) ?? [:]
        checks = try c.decodeIfPresent(InvoiceChecks.self, forKey: .checks) ?? InvoiceChecks()
    }
}
