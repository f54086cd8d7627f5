import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Vietnamese e-invoices as XML, the legal original: the Circular 78 format (`HDon`, since
/// 2022) and the tax authority's 2014 schema (`inv:invoice`, issued until 2022 and kept in
/// every archive). The fields are read from their tags, so there is nothing to guess; the
/// totals are still checked against each other and against the amount in words.
public enum EInvoiceXML {
    /// Why an XML file is not read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A DOCTYPE or entity declaration: never in an e-invoice, and the door to external
        /// entities (XXE) and entity-expansion bombs, so refused before parsing.
        case declarations
        /// Not well-formed XML.
        case malformed(String)
        /// Bytes that are not UTF-8: e-invoices are UTF-8, and libxml2 behind `XMLParser`
        /// hands invalid names on to Foundation, which traps on them.
        case notUTF8
        /// A processing instruction with no data (`<?name?>`): libxml2 reports its data as
        /// NULL and Foundation's XMLParser calls strlen on it and crashes, whatever the
        /// delegate (found by FuzzXML, docs/FUZZING.md). E-invoices have none.
        case processingInstructionWithoutData
        /// Well-formed, but not an e-invoice (no `HDon`/`TTChung` with a number, nor a 2014
        /// `invoice`/`invoiceData` with one).
        case notAnInvoice

        public var description: String {
            switch self {
            case .declarations: "XML with a DOCTYPE or ENTITY declaration is refused (e-invoices have none; it could smuggle external entities)"
            case let .malformed(detail): "malformed XML: \(detail)"
            case .notUTF8: "XML that is not valid UTF-8 (e-invoices are UTF-8; save it as UTF-8 and drop it in again)"
            case .processingInstructionWithoutData: "XML with a processing instruction that has no data (<?name?>) is refused (e-invoices have none; the XML parser crashes on it)"
            case .notAnInvoice: "XML that is not a Vietnamese e-invoice (neither a Circular 78 HDon with TTChung/SHDon nor a 2014 invoice with invoiceData/invoiceNumber)"
            }
        }
    }

    /// Whether `data` looks like XML (for routing files by content): after a byte-order mark
    /// and blanks, an XML declaration or another `<?xml…` instruction (the 2014 files often
    /// open with `<?xml-stylesheet …?>` and no declaration), or straight away the root of an
    /// e-invoice, with or without a namespace prefix (`<HDon`, `<TDiep`, `<inv:invoice`).
    public static func looksLikeXML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(512), as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if head.hasPrefix("<?xml") { return true }
        guard head.hasPrefix("<") else { return false }
        let name = head.dropFirst().prefix { !($0.isWhitespace || $0 == ">" || $0 == "/") }
        return ["HDon", "TDiep", "invoice"].contains(XMLElementTexts.localName(String(name)))
    }

    /// The invoice in `data`.
    public static func parse(_ data: Data) throws(Failure) -> ExtractedInvoice {
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        // The whole document, not a prefix: a long comment can push a DOCTYPE past any
        // window, and "<!" never starts element content in an e-invoice.
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.range(of: "<!ENTITY", options: .caseInsensitive) != nil {
            throw .declarations
        }
        if containsProcessingInstructionWithoutData(data) { throw .processingInstructionWithoutData }
        let elements = XMLElementTexts()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = elements
        guard parser.parse() else {
            throw .malformed(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error")
        }
        // The root tells the schemas apart: Circular 78 wraps its HDon in TDiep when sent
        // through the tax authority, the 2014 schema's root is always `invoice`.
        return elements.root == "invoice" ? try schema2014(elements) : try circular78(elements)
    }

    /// Whether `data` holds `<?` + a name + `?>` with nothing between the name and `?>`, the
    /// one form of processing instruction whose data libxml2 passes on as NULL. The name is
    /// taken as any run of bytes other than whitespace, `?`, `<` and `>`, which is wider than
    /// XML's names: a few malformed documents are refused that the parser would have
    /// refused anyway, and one in a comment or CDATA is refused too; none can slip through.
    static func containsProcessingInstructionWithoutData(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        let question = UInt8(ascii: "?"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
        func endsName(_ byte: UInt8) -> Bool {
            byte == question || byte == less || byte == greater
                || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == less, bytes[index + 1] == question else { index += 1; continue }
            var end = index + 2
            while end < bytes.count, !endsName(bytes[end]) { end += 1 }
            if end > index + 2, end + 1 < bytes.count, bytes[end] == question, bytes[end + 1] == greater { return true }
            index = end
        }
        return false
    }

    /// The Circular 78 fields (`HDon/DLHDon/TTChung`, `NDHDon/NBan`, `NMua`, `TToan`).
    private static func circular78(_ elements: XMLElementTexts) throws(Failure) -> ExtractedInvoice {
        let values = elements.first
        func value(_ path: String) -> String? {
            values.first { $0.key.hasSuffix("/" + path) }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        }
        var read = FieldReading()
        guard let invoiceNumber = value("TTChung/SHDon") else { throw .notAnInvoice }

        var invoice = ExtractedInvoice()
        let template = value("TTChung/KHMSHDon") ?? ""
        invoice.invoiceSeries = value("TTChung/KHHDon").map { template + $0 }
        invoice.invoiceNumber = invoiceNumber
        invoice.invoiceCode = invoice.invoiceSeries.map { "\($0)-\(invoiceNumber)" } ?? invoiceNumber
        invoice.invoiceDate = read.date(value("TTChung/NLap"), in: "TTChung/NLap")
        invoice.currency = value("TTChung/DVTTe") ?? "VND"
        invoice.sellerName = value("NBan/Ten")
        invoice.sellerTaxCode = value("NBan/MST")
        // The company when one is named, else the person; none for a walk-in customer.
        invoice.buyerName = value("NMua/Ten") ?? value("NMua/HVTNMHang")
        invoice.buyerTaxCode = value("NMua/MST")
        invoice.subtotal = read.amount(value("TToan/TgTCThue"), "subtotal", in: "TToan/TgTCThue")
        invoice.vatAmount = read.amount(value("TToan/TgTThue"), "vat_amount", in: "TToan/TgTThue")
        invoice.totalAmount = read.amount(value("TToan/TgTTTBSo"), "total_amount", in: "TToan/TgTTTBSo")
        invoice.amountInWords = value("TToan/TgTTTBChu")
        invoice.vatRate = FieldReading.rate(value("LTSuat/TSuat") ?? value("HHDVu/TSuat"))
        let items = values.filter { $0.key.hasSuffix("/HHDVu/THHDVu") }.map(\.value)
        finish(&invoice, refused: read.refused, itemNames: items)
        return invoice
    }

    /// What both schemas share once their fields are read: the invoice type, the checks
    /// between the totals and the words, and the score.
    static func finish(_ invoice: inout ExtractedInvoice, refused: [String], itemNames: [String]) {
        // The same classifier as for OCR text, over the seller and the item names.
        let summary = ([invoice.sellerName ?? ""] + itemNames).joined(separator: "\n")
        invoice.invoiceType = InvoiceTypeClassifier.classify(DocumentIndex(DocumentText(summary))).value

        var checks = InvoiceChecks()
        if let subtotal = invoice.subtotal, let vat = invoice.vatAmount, let total = invoice.totalAmount {
            checks.sumMatches = abs(subtotal + vat - total) < 0.5
        }
        if let words = invoice.amountInWords, let spoken = VietnameseNumberWords.parse(words) {
            checks.wordsValue = Double(spoken)
            checks.wordsMatchTotal = invoice.totalAmount.map { abs($0 - Double(spoken)) < 0.5 }
        }
        checks.sellerTaxCodeValid = invoice.sellerTaxCode.map(TaxCode.isValid)
        checks.buyerTaxCodeValid = invoice.buyerTaxCode.map(TaxCode.isValid)
        checks.warnings += refused
        invoice.checks = checks
        let contradictions = [checks.sumMatches, checks.wordsMatchTotal].compactMap { $0 }.filter { !$0 }.count + refused.count
        // The XML is the legal original: exact when its own totals agree.
        invoice.confidenceScore = contradictions == 0 && invoice.totalAmount != nil ? 1.0 : 0.6
        let keyFields: [(InvoiceField, Bool)] = [(.invoiceNumber, invoice.invoiceNumber != nil), (.invoiceDate, invoice.invoiceDate != nil),
                                                  (.sellerName, invoice.sellerName != nil), (.totalAmount, invoice.totalAmount != nil)]
        for (field, present) in keyFields where present {
            invoice.fieldConfidence[field.rawValue] = invoice.confidenceScore
        }
    }
}
