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

        let found = assemble(type: type, header: header, date: date, parties: parties, money: money)
        var invoice = found.invoice
        let raw = found.raw
        for field in InvoiceField.allCases where Scoring.required.contains(field) && raw[field] == nil { notes.warnings.append("\(field.rawValue) not found") }
        invoice.checks = checks(header: header, parties: parties, money: money, ocrConfidence: ocrConfidence, notes: notes)

        // Score: each field's confidence weighed by the reading quality, then the document's (see Scoring).
        var names: [InvoiceField: String] = [:]
        if let seller = invoice.sellerName { names[.sellerName] = seller }
        if let buyer = invoice.buyerName { names[.buyerName] = buyer }
        let quality = Scoring.readingQuality(ocrConfidence: ocrConfidence, text: document)
        var fieldConfidence = Scoring.fieldConfidences(raw, names: names, quality: quality, vietnamese: index.isVietnamese)
        if invoice.invoiceCode != nil {
            // The code is only as good as the weaker of its two parts.
            fieldConfidence[.invoiceCode] = min(fieldConfidence[.invoiceNumber] ?? 0, fieldConfidence[.invoiceSeries] ?? 1)
        }
        let contradictions = [money.sumMatches, money.wordsMatch, parties.sellerTaxCodeValid, parties.buyerTaxCodeValid]
            .filter { $0 == false }.count
        invoice.fieldConfidence = Dictionary(uniqueKeysWithValues: fieldConfidence.map { ($0.key.rawValue, $0.value) })
        invoice.confidenceScore = Scoring.documentScore(fieldConfidence, missing: printedButUnread(invoice, candidates),
                                                        contradictions: contradictions)
        return invoice
    }

    /// The invoice with every field a finder found, and the confidence each finder gave its field.
    private static func assemble(type: Found<String>, header: HeaderFields, date: DateField, parties: PartyFields, money: MoneyFields)
        -> (invoice: ExtractedInvoice, raw: [InvoiceField: Double]) {
        var invoice = ExtractedInvoice()
        var raw: [InvoiceField: Double] = [:]
        func take<T>(_ found: Found<T>?, _ field: InvoiceField, _ set: (T) -> Void) {
            guard let found else { return }
            set(found.value)
            raw[field] = found.confidence
        }
        take(type, .invoiceType) { invoice.invoiceType = $0 }
        take(header.series, .invoiceSeries) { invoice.invoiceSeries = $0 }
        take(header.number, .invoiceNumber) { invoice.invoiceNumber = $0 }
        take(date.date, .invoiceDate) { invoice.invoiceDate = $0 }
        take(parties.sellerName, .sellerName) { invoice.sellerName = $0 }
        take(parties.sellerTaxCode, .sellerTaxCode) { invoice.sellerTaxCode = $0 }
        take(parties.buyerTaxCode, .buyerTaxCode) { invoice.buyerTaxCode = $0 }
        take(money.subtotal, .subtotal) { invoice.subtotal = $0 }
        take(money.vatRate, .vatRate) { invoice.vatRate = $0 }
        take(money.vatAmount, .vatAmount) { invoice.vatAmount = $0 }
        take(money.total, .totalAmount) { invoice.totalAmount = $0 }
        take(money.currency, .currency) { invoice.currency = $0 }
        take(money.amountInWords, .amountInWords) { invoice.amountInWords = $0 }
        if let buyer = parties.buyerName {
            invoice.buyerName = buyer.value
            // A walk-in customer is a found answer (no buyer), not a missing one.
            if buyer.value != nil { raw[.buyerName] = buyer.confidence }
        }
        if let number = invoice.invoiceNumber {
            invoice.invoiceCode = invoice.invoiceSeries.map { "\($0)-\(number)" } ?? number
        }
        return (invoice, raw)
    }

    /// What the finders verified, with the repairs and warnings they noted.
    private static func checks(header: HeaderFields, parties: PartyFields, money: MoneyFields, ocrConfidence: Double?,
                               notes: ExtractionNotes) -> InvoiceChecks {
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
        checks.repairs = notes.repairs
        checks.warnings = notes.warnings
        return checks
    }

    /// Fields whose label was printed but whose value could not be read: damage, not absence,
    /// so the score counts them as 0 instead of leaving them out.
    private static func printedButUnread(_ invoice: ExtractedInvoice, _ candidates: MoneyCandidates) -> [InvoiceField: Bool] {
        var missing: [InvoiceField: Bool] = [:]
        missing[.subtotal] = candidates.labelled.contains(.subtotal) && invoice.subtotal == nil
        missing[.vatAmount] = candidates.labelled.contains(.vatAmount) && invoice.vatAmount == nil && invoice.subtotal != nil
        missing[.amountInWords] = candidates.wordsText != nil && invoice.amountInWords == nil
        return missing
    }
}
