/// What the extractor verified about an invoice and what it had to repair.
///
/// Each `Bool?` is `true` when the check passed, `false` when it failed, and
/// `nil` when it could not be made (a field it needs was not found). Encoded
/// with snake_case keys and explicit `null`s, like the rest of the `invoice`
/// object.
public struct InvoiceChecks: Sendable, Equatable, Codable {
    /// subtotal + vat_amount = total_amount (to the cent).
    public var sumMatches: Bool?
    /// vat_amount = subtotal × vat_rate, within rounding.
    public var vatRateMatches: Bool?
    /// The number read back from the amount in words.
    public var wordsValue: Double?
    /// The amount in words equals total_amount.
    public var wordsMatchTotal: Bool?
    /// The item lines add up to the subtotal (or to the total when there is no subtotal).
    public var itemsSumMatches: Bool?
    /// Cash given − change = total_amount, on receipts.
    public var cashChangeMatches: Bool?
    /// The seller's tax code passes its check digit.
    public var sellerTaxCodeValid: Bool?
    /// The buyer's tax code passes its check digit.
    public var buyerTaxCodeValid: Bool?
    /// The series has the shape Circular 78 prescribes (e.g. "1C26TTU").
    public var seriesFormatValid: Bool?
    /// Tesseract's mean word confidence (0…100) the score was built with.
    public var ocrConfidence: Double?
    /// The seller's name (and type) came from what a person wrote for this seller tax code
    /// on an earlier invoice (its supplier profile), not from this document's text.
    public var sellerFromSupplierProfile: Bool?
    /// Values that OCR had damaged and that were corrected, and why.
    public var repairs: [Repair]
    /// Contradictions and gaps that lowered the score, as short sentences.
    public var warnings: [String]

    /// One corrected value.
    public struct Repair: Sendable, Equatable, Codable {
        /// The snake_case name of the field.
        public var field: String
        /// The text as OCR read it.
        public var original: String
        /// The value kept.
        public var repaired: String
        /// Which evidence justified the correction.
        public var reason: String

        /// Creates a repair note.
        public init(field: String, original: String, repaired: String, reason: String) {
            self.field = field
            self.original = original
            self.repaired = repaired
            self.reason = reason
        }
    }

    /// Creates an empty set of checks (nothing verified yet).
    public init() {
        repairs = []
        warnings = []
    }

    enum CodingKeys: String, CodingKey {
        case sumMatches = "sum_matches"
        case vatRateMatches = "vat_rate_matches"
        case wordsValue = "words_value"
        case wordsMatchTotal = "words_match_total"
        case itemsSumMatches = "items_sum_matches"
        case cashChangeMatches = "cash_change_matches"
        case sellerTaxCodeValid = "seller_tax_code_valid"
        case buyerTaxCodeValid = "buyer_tax_code_valid"
        case seriesFormatValid = "series_format_valid"
        case ocrConfidence = "ocr_confidence"
        case sellerFromSupplierProfile = "seller_from_supplier_profile"
        case repairs
        case warnings
    }

    /// Encodes every key, with an explicit `null` for a check not made.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ value: Bool?, _ key: CodingKeys) throws {
            if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try put(sumMatches, .sumMatches)
        try put(vatRateMatches, .vatRateMatches)
        if let wordsValue { try c.encode(wordsValue, forKey: .wordsValue) } else { try c.encodeNil(forKey: .wordsValue) }
        try put(wordsMatchTotal, .wordsMatchTotal)
        try put(itemsSumMatches, .itemsSumMatches)
        try put(cashChangeMatches, .cashChangeMatches)
        try put(sellerTaxCodeValid, .sellerTaxCodeValid)
        try put(buyerTaxCodeValid, .buyerTaxCodeValid)
        try put(seriesFormatValid, .seriesFormatValid)
        if let ocrConfidence { try c.encode(ocrConfidence, forKey: .ocrConfidence) } else { try c.encodeNil(forKey: .ocrConfidence) }
        try put(sellerFromSupplierProfile, .sellerFromSupplierProfile)
        try c.encode(repairs, forKey: .repairs)
        try c.encode(warnings, forKey: .warnings)
    }

    /// Decodes the encoded form; missing keys read as "not checked".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sumMatches = try c.decodeIfPresent(Bool.self, forKey: .sumMatches)
        vatRateMatches = try c.decodeIfPresent(Bool.self, forKey: .vatRateMatches)
        wordsValue = try c.decodeIfPresent(Double.self, forKey: .wordsValue)
        wordsMatchTotal = try c.decodeIfPresent(Bool.self, forKey: .wordsMatchTotal)
        itemsSumMatches = try c.decodeIfPresent(Bool.self, forKey: .itemsSumMatches)
        cashChangeMatches = try c.decodeIfPresent(Bool.self, forKey: .cashChangeMatches)
        sellerTaxCodeValid = try c.decodeIfPresent(Bool.self, forKey: .sellerTaxCodeValid)
        buyerTaxCodeValid = try c.decodeIfPresent(Bool.self, forKey: .buyerTaxCodeValid)
        seriesFormatValid = try c.decodeIfPresent(Bool.self, forKey: .seriesFormatValid)
        ocrConfidence = try c.decodeIfPresent(Double.self, forKey: .ocrConfidence)
        sellerFromSupplierProfile = try c.decodeIfPresent(Bool.self, forKey: .sellerFromSupplierProfile)
        repairs = try c.decodeIfPresent([Repair].self, forKey: .repairs) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }
}
