/// Turns the OCR text of an invoice into its fields, what was checked, and a
/// confidence score. Pure: no I/O, no state, safe to call from any thread.
public enum InvoiceExtractor {
    /// Extracts the invoice fields from a document's OCR text.
    ///
    /// - Parameters:
    ///   - text: the whole OCR text, pages joined with `"\n\f\n"`.
    ///   - ocrConfidence: Tesseract's mean word confidence (0…100), or `nil`
    ///     when unknown (for example a PDF text layer).
    /// - Returns: the `invoice` object of the result JSON.
    public static func extract(text: String, ocrConfidence: Double?) -> ExtractedInvoice {
        let document = DocumentText(text)
        let index = DocumentIndex(document)
        let locator = ValueLocator(index)
        var notes = ExtractionNotes()

        let header = HeaderFields(index, locator, notes: &notes)
        let date = DateField(index, locator, notes: &notes)
        let parties = PartyFields(index, locator, notes: &notes)
        let candidates = MoneyCandidates(index, locator)
        let money = MoneyFields(index, candidates, notes: &notes)
        let type = InvoiceTypeClassifier.classify(index)

        var invoice = ExtractedInvoice()
        var raw: [String: Double] = [:]
        func take<T>(_ found: Found<T>?, _ field: String, _ set: (T) -> Void) {
            guard let found else { return }
            set(found.value)
            raw[field] = found.confidence
        }
        take(type, "invoice_type") { invoice.invoiceType = $0 }
        take(header.series, "invoice_series") { invoice.invoiceSeries = $0 }
        take(header.number, "invoice_number") { invoice.invoiceNumber = $0 }
        take(date.date, "invoice_date") { invoice.invoiceDate = $0 }
        take(parties.sellerName, "seller_name") { invoice.sellerName = $0 }
        take(parties.sellerTaxCode, "seller_tax_code") { invoice.sellerTaxCode = $0 }
        take(parties.buyerTaxCode, "buyer_tax_code") { invoice.buyerTaxCode = $0 }
        if let buyer = parties.buyerName {
            invoice.buyerName = buyer.value
            // A walk-in customer is a found answer (no buyer), not a missing one.
            if buyer.value != nil { raw["buyer_name"] = buyer.confidence }
        }
        take(money.subtotal, "subtotal") { invoice.subtotal = $0 }
        take(money.vatRate, "vat_rate") { invoice.vatRate = $0 }
        take(money.vatAmount, "vat_amount") { invoice.vatAmount = $0 }
        take(money.total, "total_amount") { invoice.totalAmount = $0 }
        take(money.currency, "currency") { invoice.currency = $0 }
        take(money.amountInWords, "amount_in_words") { invoice.amountInWords = $0 }
        if let number = invoice.invoiceNumber {
            invoice.invoiceCode = invoice.invoiceSeries.map { "\($0)-\(number)" } ?? number
        }

        // Checks.
        var checks = InvoiceChecks()
        checks.sumMatches = money.sumMatches
        checks.vatRateMatches = money.rateMatches
        checks.wordsValue = money.wordsValue
        checks.wordsMatchTotal = money.wordsMatch
        checks.itemsSumMatches = money.itemsMatch
        checks.cashChangeMatches = money.cashMatches
        checks.sellerTaxCodeValid = parties.sellerTaxCodeValid
        checks.buyerTaxCodeValid = parties.buyerTaxCodeValid
        checks.seriesFormatValid = header.seriesFormatValid
        checks.ocrConfidence = ocrConfidence
        for field in Scoring.required where raw[field] == nil { notes.warnings.append("\(field) not found") }
        checks.repairs = notes.repairs
        checks.warnings = notes.warnings

        // Score.
        let quality = Scoring.readingQuality(ocrConfidence: ocrConfidence, text: document)
        var names: [String: String] = [:]
        if let seller = invoice.sellerName { names["seller_name"] = seller }
        if let buyer = invoice.buyerName { names["buyer_name"] = buyer }
        var fieldConfidence = Scoring.fieldConfidences(raw, names: names, quality: quality, vietnamese: index.isVietnamese)
        if invoice.invoiceCode != nil {
            // The code is only as good as the weaker of its two parts.
            fieldConfidence["invoice_code"] = min(fieldConfidence["invoice_number"] ?? 0, fieldConfidence["invoice_series"] ?? 1)
        }
        // A label printed with no readable value is damage, not absence.
        var missing: [String: Bool] = [:]
        missing["subtotal"] = candidates.labelled.contains(.subtotal) && invoice.subtotal == nil
        missing["vat_amount"] = candidates.labelled.contains(.vatAmount) && invoice.vatAmount == nil && invoice.subtotal != nil
        missing["amount_in_words"] = candidates.wordsText != nil && invoice.amountInWords == nil
        let contradictions = [money.sumMatches, money.wordsMatch, parties.sellerTaxCodeValid, parties.buyerTaxCodeValid]
            .filter { $0 == false }.count
        invoice.fieldConfidence = fieldConfidence
        invoice.confidenceScore = Scoring.documentScore(fieldConfidence, missing: missing, contradictions: contradictions)
        invoice.checks = checks
        return invoice
    }
}
