/// Seller and buyer: names and tax codes.
///
/// The document is read as sections: the seller comes first (a labelled
/// "Đơn vị bán hàng" or, unlabelled, the organisation printed at the top of the
/// page), the buyer block starts at the first buyer label, and both end where
/// the item table or the totals begin (below that, "Người mua hàng" is a
/// signature caption, not a label). A tax code belongs to the section it is
/// printed in.
struct PartyFields: Sendable {
    var sellerName: Found<String>?
    var sellerTaxCode: Found<String>?
    var buyerName: Found<String?>?
    var buyerTaxCode: Found<String>?
    var sellerTaxCodeValid: Bool?
    var buyerTaxCodeValid: Bool?

    private static let buyerKinds: Set<LabelKind> = [.buyerPerson, .buyerCompany, .buyerGeneric, .buyerSection]

    init(_ doc: DocumentIndex, _ locator: ValueLocator, notes: inout ExtractionNotes) {
        // Below the table and totals, party labels are signature captions.
        let partyLimit = doc.partiesEnd
        let partyHits = doc.allHits.filter { $0.hit.line < partyLimit }
        // The buyer block starts at a buyer label that is a label ("Người mua hàng:", "BÊN MUA"),
        // not at prose that mentions the buyer ("Liên 2: Giao cho người mua").
        let firstBuyerLine = partyHits.first {
            PartyFields.buyerKinds.contains($0.hit.kind)
                && ($0.hit.delimited || $0.hit.kind == .buyerSection || !locator.value(of: $0.id).isEmpty)
        }?.hit.line
        sellerName = PartyFields.findSeller(doc, locator, partyHits, before: min(firstBuyerLine ?? partyLimit, partyLimit))
        let buyer = PartyFields.findBuyer(doc, locator, partyHits, firstBuyerLine: firstBuyerLine, sellerLine: sellerName?.line)
        buyerName = buyer.name
        readTaxCodes(doc, locator, partyHits, buyerStart: buyer.start, notes: &notes)
    }

    /// The seller's name: labelled first, then the organisation at the top of the page (above `limit`).
    private static func findSeller(_ doc: DocumentIndex, _ locator: ValueLocator, _ partyHits: [(id: HitID, hit: LabelHit)],
                                   before limit: Int) -> Found<String>? {
        for (id, hit) in partyHits where hit.kind == .seller {
            let spans = locator.value(of: id)
            guard !spans.isEmpty else { continue }
            let name = PartyFields.organisationName(doc, spans)
            guard name.count >= 3 else { continue }
            return Found(value: name, confidence: 0.93, line: spans[0].line)
        }
        return PartyFields.headerOrganisation(doc, before: limit)
    }

    /// The buyer: the company when printed, else the person; "Khách lẻ" means none. With the
    /// line the buyer block starts at (the first buyer label, or a buyer company's if earlier).
    private static func findBuyer(_ doc: DocumentIndex, _ locator: ValueLocator, _ partyHits: [(id: HitID, hit: LabelHit)],
                                  firstBuyerLine: Int?, sellerLine: Int?) -> (name: Found<String?>?, start: Int?) {
        var company: Found<String>?
        var person: Found<String>?
        var generic: Found<String>?
        var walkIn = false
        var buyerStart = firstBuyerLine
        for (id, hit) in partyHits {
            let neutralIsBuyer = locator.party[id].map { $0 == .buyer }
                ?? (firstBuyerLine.map { hit.line >= $0 } ?? false || (sellerLine.map { hit.line > $0 } ?? false))
            let isBuyerCompany = hit.kind == .buyerCompany || (hit.kind == .companyNeutral && neutralIsBuyer)
            guard isBuyerCompany || hit.kind == .buyerPerson || hit.kind == .buyerGeneric else { continue }
            if isBuyerCompany { buyerStart = min(buyerStart ?? hit.line, hit.line) }
            let spans = locator.value(of: id)
            guard !spans.isEmpty else { continue }
            let raw = NameText.text(doc, spans)
            if NameText.isWalkIn(raw) { walkIn = true; continue }
            guard raw.unicodeScalars.filter(\.isLetter).count >= 3, !raw.hasPrefix("(") else { continue }
            if isBuyerCompany, company == nil {
                company = Found(value: PartyFields.organisationName(doc, spans), confidence: 0.92, line: spans[0].line)
            } else if hit.kind == .buyerPerson, person == nil {
                let name = PartyFields.personOrOrganisation(doc, spans)
                person = Found(value: name, confidence: 0.9, line: spans[0].line)
            } else if hit.kind == .buyerGeneric, generic == nil {
                generic = Found(value: PartyFields.personOrOrganisation(doc, spans), confidence: 0.88, line: spans[0].line)
            }
        }
        if let chosen = company ?? person ?? generic {
            return (Found(value: chosen.value, confidence: chosen.confidence, line: chosen.line), buyerStart)
        }
        return (walkIn ? Found(value: nil, confidence: 0.9, line: -1) : nil, buyerStart)
    }

    /// Tax codes: the seller's before the buyer block, the buyer's inside it.
    private mutating func readTaxCodes(_ doc: DocumentIndex, _ locator: ValueLocator, _ partyHits: [(id: HitID, hit: LabelHit)],
                                       buyerStart: Int?, notes: inout ExtractionNotes) {
        for (id, hit) in partyHits where hit.kind == .taxCode {
            for span in locator.value(of: id) {
                guard let (code, repaired) = TaxCodeField.code(in: doc.lines[span.line], span.range) else { continue }
                let valid = TaxCode.isValid(code)
                let found = Found(value: code, confidence: valid ? 0.99 : 0.35, line: span.line)
                let inBuyer = locator.party[id].map { $0 == .buyer } ?? (buyerStart.map { hit.line >= $0 } ?? false)
                if repaired {
                    notes.repair(inBuyer ? .buyerTaxCode : .sellerTaxCode, doc.lines[span.line].original(span.range), code,
                                 "letters read as digits in a tax code")
                }
                if inBuyer {
                    if buyerTaxCode == nil { buyerTaxCode = found; buyerTaxCodeValid = valid }
                } else if sellerTaxCode == nil {
                    sellerTaxCode = found
                    sellerTaxCodeValid = valid
                }
                break
            }
        }
        if sellerTaxCodeValid == false { notes.warnings.append("seller tax code fails its check digit") }
        if buyerTaxCodeValid == false { notes.warnings.append("buyer tax code fails its check digit") }
    }

    /// An organisation name from value spans: cleaned, cut to its capitals,
    /// its stock phrases restored, a wrapped last line joined.
    static func organisationName(_ doc: DocumentIndex, _ spans: [ValueSpan]) -> String {
        var name = NameText.capitalsPrefix(NameText.cutAtAddress(NameText.text(doc, spans)))
        // A name in capitals may wrap onto the next line, which then holds only the rest of it.
        if spans.count == 1, let last = spans.last, NameText.isUppercaseName(name) {
            let next = last.line + 1
            if next < doc.lines.count, doc.lines[next].page == doc.lines[last.line].page {
                let firstLabel = doc.hits[next].first?.range.lowerBound ?? doc.lines[next].folded.count
                let range = doc.trimmed(doc.lines[next], 0..<firstLabel)
                if !range.isEmpty, NameText.isContinuation(doc.lines[next], range, after: name), !doc.isValueOfSomeLabel(line: next) {
                    name = NameText.capitalsPrefix(name + " " + NameText.clean(doc.lines[next].original(range)))
                }
            }
        }
        name = NameRestoration.mendImpossibleSyllables(NameText.dropLeadingDebris(name))
        if NameText.isUppercaseName(name) { name = NameRestoration.restoreOrganisation(name).0 }
        return name
    }

    /// A buyer's name that may be a person ("Lê Ngọc Khánh") or an organisation.
    static func personOrOrganisation(_ doc: DocumentIndex, _ spans: [ValueSpan]) -> String {
        let raw = NameText.text(doc, spans)
        if NameText.hasOrganisationMarker(NameText.foldedWords(raw)) || NameText.isUppercaseName(raw) {
            return organisationName(doc, spans)
        }
        return doc.isVietnamese ? NameRestoration.restorePerson(NameRestoration.mendImpossibleSyllables(raw)).0 : raw
    }

    /// The organisation printed at the top of the page, when no label names the seller:
    /// a name with an organisation marker in any column of the first lines (a text
    /// layer keeps the letterhead's columns apart: "FACTUUR.      Coolblue B.V."), else a
    /// line in capitals, else the brand that heads the page ("Amazon Web Services
    /// Invoice", "The Corner Café"), else the company that signs the footer.
    static func headerOrganisation(_ doc: DocumentIndex, before limit: Int) -> Found<String>? {
        // The buyer block's first line may still carry the seller in a column left of the
        // buyer's label ("Brightdesk, Inc.          Bill to"); labels cut every column.
        let end = min(limit + 1, doc.lines.count, 16)
        var fallback: (line: Int, range: Range<Int>)?
        var i = 0
        while i < end {
            let line = doc.lines[i]
            defer { i += 1 }
            guard line.page == 0 else { break }
            for (column, bounds) in columns(line).enumerated() {
                let firstLabel = doc.hits[i].first { bounds.contains($0.range.lowerBound) }?.range.lowerBound ?? bounds.upperBound
                let range = cutAtDashedAddress(line, doc.trimmed(line, bounds.lowerBound..<firstLabel))
                guard !range.isEmpty else { continue }
                let tokens = line.tokens.filter { range.contains($0.range.lowerBound) }
                let folded = tokens.map { line.wordString($0) }
                guard tokens.count >= 2, tokens.filter(\.isNumeric).count * 3 <= tokens.count,
                      !isWebOrMail(line, range),
                      // "Hotel Details", "Company information": the heading of a section, not a name.
                      !["details", "information", "info", "detail"].contains(folded.last ?? "") else { continue }
                if NameText.hasOrganisationMarker(folded) {
                    // A group ("TẬP ĐOÀN …", "TỔNG CÔNG TY …") printed above the unit that issues the invoice.
                    if ["tap doan", "tong cong"].contains(folded.prefix(2).joined(separator: " ")), i + 1 < end,
                       let unit = unitBelow(doc, i + 1) {
                        return unit
                    }
                    let name = organisationName(doc, [ValueSpan(line: i, range: range)])
                    return Found(value: name, confidence: column == 0 ? 0.86 : 0.8, line: i)
                }
                // Far to the right of a text layer's page is the recipient's address window, not a letterhead.
                if column == 0, fallback == nil, range.lowerBound < 40, tokens.allSatisfy(\.isAlpha),
                   NameText.isUppercaseName(line.original(range)) {
                    fallback = (i, range)
                }
            }
        }
        // Any line in capitals, when no line names an organisation; built only if chosen.
        if let fallback {
            return Found(value: organisationName(doc, [ValueSpan(line: fallback.line, range: fallback.range)]), confidence: 0.6,
                         line: fallback.line)
        }
        let footer = footerSignature(doc)
        guard let brand = brandHeading(doc, before: end) else { return footer }
        // "Free Service Abonné" heading the page, "Free SAS au capital de …" at its foot: the
        // heading is the brand and a department; the company is the name the foot gives.
        if let footer, let first = NameText.foldedWords(footer.value).first,
           NameText.foldedWords(brand.value).first == first {
            return footer
        }
        return brand
    }

    /// "accounts@northwind.co.uk", "www.shop.co.uk": an address on the web, whose "co" is no company.
    private static func isWebOrMail(_ line: TextLine, _ range: Range<Int>) -> Bool {
        let text = line.folded[range]
        return text.contains(UInt8(ascii: "@")) || line.original(range).lowercased().contains("www.")
            || line.original(range).lowercased().contains("http")
    }

    /// The columns of a line: stretches separated by three spaces or more, as a PDF's
    /// text layer lays them out (OCR text has single spaces and stays one column).
    static func columns(_ line: TextLine) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0, spaces = 0
        for (k, b) in line.folded.enumerated() {
            if b == UInt8(ascii: " ") {
                spaces += 1
                continue
            }
            if spaces >= 3, k - spaces > start { result.append(start..<(k - spaces)); start = k }
            spaces = 0
        }
        if start < line.folded.count { result.append(start..<line.folded.count) }
        return result
    }

    /// "QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen": a letterhead of name and
    /// address joined by dashes; the name is the part before the first dash that is
    /// followed by a figure.
    private static func cutAtDashedAddress(_ line: TextLine, _ range: Range<Int>) -> Range<Int> {
        let bytes = line.folded
        var k = range.lowerBound + 1
        while k + 2 < range.upperBound {
            if bytes[k] == UInt8(ascii: "-"), bytes[k - 1] == UInt8(ascii: " "), bytes[k + 1] == UInt8(ascii: " "),
               bytes[(k + 2)..<range.upperBound].contains(where: \.isDigitASCII) {
                return line.folded.startIndex == range.lowerBound ? range.lowerBound..<(k - 1) : range.lowerBound..<(k - 1)
            }
            k += 1
        }
        return range
    }

    /// Title words that follow a brand on its heading line ("Amazon Web Services Invoice").
    private static let titleWords: Set<String> = ["invoice", "receipt", "tax", "factuur", "rechnung", "facture", "bill", "statement", "payment", "official", "cash", "sales"]

    /// A brand without a legal suffix heading the page: one of the first three lines,
    /// one to five words of letters, no figures, no label.
    private static func brandHeading(_ doc: DocumentIndex, before end: Int) -> Found<String>? {
        for i in 0..<min(end, 3) {
            let line = doc.lines[i]
            // Brand names hold label words ("Amazon Web Services"): only a label with its colon ends
            // one, and the heading is over at the first such label.
            guard line.page == 0 else { continue }
            guard !doc.hits[i].contains(where: \.delimited), !line.folded.contains(UInt8(ascii: ":")) else { return nil }
            // "Invoice            Orbitly": the brand may stand in the column after the title.
            let titleOnly = { (bounds: Range<Int>) in
                line.tokens.filter { bounds.contains($0.range.lowerBound) }.allSatisfy { titleWords.contains(line.wordString($0)) }
            }
            guard let bounds = columns(line).first(where: { !titleOnly($0) }), !isWebOrMail(line, bounds) else { continue }
            // A column that opens with a label ("Factuuradres") is a heading of something else.
            let opening = doc.trimmed(line, bounds).lowerBound
            // Alone far to the right is the recipient's address window; beside the title, a letterhead.
            let besideTitle = doc.hits[i].contains(where: { $0.kind == .title })
                || line.tokens.last.map { titleWords.contains(line.wordString($0)) } == true
            if opening >= 40, !besideTitle { continue }
            if doc.hits[i].contains(where: { $0.range.lowerBound == opening && $0.kind != .title }) { return nil }
            let range = doc.trimmed(line, bounds)
            var words = line.tokens.filter { range.contains($0.range.lowerBound) }
            while let last = words.last, titleWords.contains(line.wordString(last)) { words.removeLast() }
            guard (1...5).contains(words.count), words.allSatisfy(\.isAlpha),
                  line.folded[range].allSatisfy({ !$0.isDigitASCII }) else { continue }
            let text = NameText.clean(line.original(words[0].range.lowerBound..<words[words.count - 1].range.upperBound))
            // A word of two letters or more that is not all lower case: a name, not prose.
            guard text.unicodeScalars.filter(\.isLetter).count >= 3, text.first?.isUppercase == true else { continue }
            return Found(value: text, confidence: 0.6, line: i)
        }
        return nil
    }

    /// The company that signs the footer: the line above "Siège social" / "Registered
    /// office", or the name before "au capital de" / "SAS au capital".
    private static func footerSignature(_ doc: DocumentIndex) -> Found<String>? {
        let lastPage = doc.lines.last?.page ?? 0
        let first = max(0, doc.lines.count - 12)
        for i in stride(from: doc.lines.count - 1, through: first, by: -1) {
            let line = doc.lines[i]
            guard line.page == lastPage else { break }
            let words = line.words
            let isRegistry = words.starts(with: ["siege", "social"]) || words.starts(with: ["registered", "office"])
                || words.first == "handelsregister" || words.first == "geschaftsfuhrer"
            if isRegistry, i > 0 {
                let above = doc.lines[i - 1]
                let range = doc.trimmed(above, 0..<above.folded.count)
                let tokens = above.tokens.filter { range.contains($0.range.lowerBound) }
                if (1...5).contains(tokens.count), tokens.allSatisfy(\.isAlpha) {
                    return Found(value: NameText.clean(above.original(range)), confidence: 0.6, line: i - 1)
                }
            }
            if let t = words.firstIndex(of: "capital"), t >= 2, words[t - 1] == "au", let first = line.tokens.first {
                // "Free SAS au capital de …": the French legal mention puts the company's form
                // between its name and the capital; the name is what precedes the form.
                var last = t - 2
                let forms: Set<String> = ["sas", "sarl", "sa", "sasu", "eurl", "snc"]
                if forms.contains(words[last]) {
                    // "Sarl au capital de …" alone names no one: the name is above ("Siège social").
                    if last == 0 { continue }
                    last -= 1
                }
                let name = NameText.clean(line.original(first.range.lowerBound..<line.tokens[last].range.upperBound))
                if !name.isEmpty { return Found(value: name, confidence: 0.6, line: i) }
            }
            // A legal name alone at the foot, over its address and registry ("Kestrel Analytics GmbH").
            if let column = columns(line).first, !isWebOrMail(line, column) {
                let range = doc.trimmed(line, column)
                let tokens = line.tokens.filter { range.contains($0.range.lowerBound) }
                if (2...6).contains(tokens.count), tokens.allSatisfy(\.isAlpha), doc.hits[i].isEmpty,
                   NameText.hasOrganisationMarker(tokens.map { line.wordString($0) }) {
                    return Found(value: NameText.clean(line.original(range)), confidence: 0.6, line: i)
                }
            }
        }
        return nil
    }

    private static func unitBelow(_ doc: DocumentIndex, _ i: Int) -> Found<String>? {
        let line = doc.lines[i]
        let firstLabel = doc.hits[i].first?.range.lowerBound ?? line.folded.count
        let range = doc.trimmed(line, 0..<firstLabel)
        guard !range.isEmpty else { return nil }
        let name = organisationName(doc, [ValueSpan(line: i, range: range)])
        let words = name.split(separator: " ").filter { $0.unicodeScalars.contains(where: \.isLetter) }
        // "CÔNG TY DỊCH VỤ MOBIFONE KHU VỰC 2": a unit may carry a number, but is mostly words.
        guard words.count >= 2, NameText.isUppercaseName(name) else { return nil }
        return Found(value: name, confidence: 0.85, line: i)
    }
}

extension NameText {
    /// A name whose letters are all capitals.
    static func isUppercaseName(_ text: String) -> Bool {
        let words = text.split(separator: " ").filter { $0.unicodeScalars.contains(where: \.isLetter) }
        return words.count >= 1 && words.allSatisfy(isUppercaseWord)
    }
}

extension DocumentIndex {
    /// The line where the item table or the totals begin: below it, party
    /// labels are signature captions. A table header names at least two columns.
    var tableStart: Int? {
        hits.firstIndex { $0.filter { $0.kind == .tableHeader }.count >= 2 }
    }

    var partiesEnd: Int {
        for (i, lineHits) in hits.enumerated() {
            // "HÓA ĐƠN GTGT (TIỀN ĐIỆN)": money words in the title are no totals.
            if lineHits.contains(where: { $0.kind == .title }) { continue }
            if lineHits.filter({ $0.kind == .tableHeader }).count >= 2 { return i }
            if lineHits.contains(where: { [.subtotal, .total, .words].contains($0.kind) }) { return i }
        }
        return lines.count
    }

    /// Whether some label on an earlier line gets this line as its value (a
    /// column of values): such a line cannot also be the end of a wrapped name.
    func isValueOfSomeLabel(line: Int) -> Bool {
        guard line > 0 else { return false }
        // A line right under a label-only line is that label's value.
        let above = hits[line - 1]
        guard let last = above.last else { return false }
        return ValueLocator.sameLineValue(self, last).isEmpty && trimmed(lines[line - 1], 0..<(above.first?.range.lowerBound ?? 0)).isEmpty
    }
}
