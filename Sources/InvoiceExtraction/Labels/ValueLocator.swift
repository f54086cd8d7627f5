/// Where each label's value is printed.
///
/// Three layouts reach the extractor after OCR:
/// - value after the label on its line: "Mã số thuế: 0100233488";
/// - value on the next line: "Mã số thuế:" / "0100233488";
/// - a column of labels followed by a column of values, which Tesseract reads
///   one column after the other: "Đơn vị bán hàng:", "Mã số thuế:", "Địa chỉ:",
///   then "CÔNG TY …", "0100233488", "Số 12 …".
/// The third is resolved by walking both columns in order and giving each label
/// the next value line of a fitting shape (a tax code needs ten digits, a name
/// needs letters), so a label whose value is blank does not take its
/// neighbour's.

/// A stretch of one line that holds (part of) a value.
struct ValueSpan: Sendable {
    var line: Int
    var range: Range<Int>
}

/// Identifies a hit: its line and its position among that line's hits.
struct HitID: Hashable, Sendable {
    var line: Int
    var index: Int
}

/// Which party a block of labels describes, when the layout says so.
enum Party: Sendable {
    case seller, buyer
}

struct ValueLocator: Sendable {
    var values: [HitID: [ValueSpan]] = [:]
    /// For labels inside side-by-side seller and buyer blocks: whose they are
    /// (their line says nothing there: both blocks share every line).
    var party: [HitID: Party] = [:]

    init(_ doc: DocumentIndex) {
        var emptyHits: Set<HitID> = []
        for (i, lineHits) in doc.hits.enumerated() {
            for (j, hit) in lineHits.enumerated() {
                let range = ValueLocator.sameLineValue(doc, hit)
                if range.isEmpty {
                    emptyHits.insert(HitID(line: i, index: j))
                } else {
                    values[HitID(line: i, index: j)] = [ValueSpan(line: i, range: range)]
                }
            }
        }
        assignHeaderRows(doc, &emptyHits)
        assignBelowInColumn(doc, &emptyHits)
        assignColumns(doc, emptyHits)
        assignSideBySideBlocks(doc)
    }

    /// A row of column headings over a row of values, as a text layer lays out a grid
    /// ("Klant   Order   Factuur datum   Factuur   Vervaldatum" over the five values): each
    /// heading takes the value whose column overlaps its own. Titles count as headings here,
    /// "Factuur" over "VF1005193039" being the invoice's number (`headerRowValues`).
    private mutating func assignHeaderRows(_ doc: DocumentIndex, _ emptyHits: inout Set<HitID>) {
        for (i, line) in doc.lines.enumerated() where i + 1 < doc.lines.count && doc.lines[i + 1].page == line.page {
            let headings = PartyFields.columns(line)
            guard headings.count >= 3, doc.hits[i].count >= 2,
                  headings.allSatisfy({ column in doc.hits[i].contains { column.contains($0.range.lowerBound) }
                      || line.tokens.filter { column.contains($0.range.lowerBound) }.count <= 2 }) else { continue }
            let below = doc.lines[i + 1]
            let cells = PartyFields.columns(below)
            guard cells.count >= 3, doc.hits[i + 1].isEmpty else { continue }
            for (j, hit) in doc.hits[i].enumerated() {
                let id = HitID(line: i, index: j)
                guard emptyHits.contains(id) || hit.kind == .title,
                      let column = headings.first(where: { $0.contains(hit.range.lowerBound) }),
                      let cell = cells.first(where: { $0.overlaps(column) }) else { continue }
                let range = doc.trimmed(below, cell)
                guard !range.isEmpty else { continue }
                values[id] = [ValueSpan(line: i + 1, range: range)]
                emptyHits.remove(id)
            }
        }
    }

    /// A text layer keeps a letter's columns apart: "Bill to:" on the left with "Invoice
    /// No.: PT-58303" on its right, and the buyer's name under "Bill to:". A blank name
    /// label followed by another column takes the text below it in its own column.
    private mutating func assignBelowInColumn(_ doc: DocumentIndex, _ emptyHits: inout Set<HitID>) {
        for id in emptyHits.sorted(by: { ($0.line, $0.index) < ($1.line, $1.index) }) {
            let hit = doc.hits[id.line][id.index]
            let line = doc.lines[hit.line]
            guard ValueLocator.isNameKind(hit.kind), hit.line + 1 < doc.lines.count,
                  let column = PartyFields.columns(line).first(where: { $0.contains(hit.range.lowerBound) }),
                  column.upperBound < line.folded.count || column.lowerBound > 0 else { continue }
            let below = doc.lines[hit.line + 1]
            guard below.page == line.page,
                  let under = PartyFields.columns(below).first(where: { abs($0.lowerBound - column.lowerBound) <= 2 }) else { continue }
            let firstLabel = doc.hits[below.index].first { under.contains($0.range.lowerBound) }?.range.lowerBound ?? under.upperBound
            let range = doc.trimmed(below, under.lowerBound..<firstLabel)
            let span = ValueSpan(line: below.index, range: range)
            guard !range.isEmpty, ValueLocator.fits(hit.kind, doc, span) else { continue }
            values[id] = [span]
            emptyHits.remove(id)
        }
    }

    /// The value spans of a hit (empty when none was found).
    func value(of id: HitID) -> [ValueSpan] { values[id] ?? [] }

    /// The value on the label's own line, or empty when what follows the label
    /// is itself an unknown label ("Bill To: Project:").
    static func sameLineValue(_ doc: DocumentIndex, _ hit: LabelHit) -> Range<Int> {
        var range = doc.valueRange(of: hit)
        let line = doc.lines[hit.line]
        // "Đơn vị bán điện: CÔNG TY…": one or two words between the label and its colon.
        if !hit.delimited, !range.isEmpty {
            let limit = min(range.upperBound, range.lowerBound + 20)
            if let colon = line.folded[range.lowerBound..<limit].firstIndex(of: UInt8(ascii: ":")) {
                let words = line.tokens.filter { $0.range.lowerBound >= range.lowerBound && $0.range.upperBound <= colon }
                if words.count <= 3, words.allSatisfy(\.isAlpha) {
                    range = doc.trimmed(line, (colon + 1)..<range.upperBound)
                }
            }
        }
        if looksLikeUnknownLabel(line, range) { return range.lowerBound..<range.lowerBound }
        return range
    }

    /// A short phrase ending with a colon, such as "Project:": a label this
    /// catalogue does not know, with nothing after it.
    private static func looksLikeUnknownLabel(_ line: TextLine, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var end = range.upperBound
        while end < line.folded.count, line.folded[end] == UInt8(ascii: " ") { end += 1 }
        guard end < line.folded.count, line.folded[end] == UInt8(ascii: ":") else { return false }
        let words = line.tokens.filter { $0.range.lowerBound >= range.lowerBound && $0.range.upperBound <= range.upperBound }
        guard words.count <= 3, words.allSatisfy(\.isAlpha) else { return false }
        return line.folded[(end + 1)...].allSatisfy { !$0.isAlphanumericASCII }
    }

    static func isLoneUnknownLabel(_ line: TextLine, _ range: Range<Int>) -> Bool {
        looksLikeUnknownLabel(line, range) && range.lowerBound <= 2
    }

    /// Pairs runs of blank labels with the value lines under them.
    private mutating func assignColumns(_ doc: DocumentIndex, _ emptyHits: Set<HitID>) {
        var i = 0
        let lines = doc.lines
        func isTableHeader(_ k: Int) -> Bool { doc.hits[k].filter { $0.kind == .tableHeader }.count >= 2 }
        while i < lines.count {
            // A run of lines that hold labels and nothing else.
            var run: [HitID] = []
            var k = i
            while k < lines.count, !isTableHeader(k), isLabelOnly(doc, k, emptyHits), k == i || lines[k].page == lines[i].page {
                for j in doc.hits[k].indices where emptyHits.contains(HitID(line: k, index: j)) {
                    run.append(HitID(line: k, index: j))
                }
                k += 1
            }
            guard !run.isEmpty else { i += 1; continue }
            // The value lines below: each line's text before its first label.
            var spans: [ValueSpan] = []
            var m = k
            while m < lines.count, !isTableHeader(m), spans.count < run.count + 3, lines[m].page == lines[i].page {
                let firstLabel = doc.hits[m].first?.range.lowerBound ?? lines[m].folded.count
                let range = doc.trimmed(lines[m], 0..<firstLabel)
                if range.isEmpty { break }
                // An unknown label alone on its line ("Số đơn đặt hàng:") belongs to the label column.
                if doc.hits[m].isEmpty, ValueLocator.isLoneUnknownLabel(lines[m], range) { m += 1; continue }
                spans.append(ValueSpan(line: m, range: range))
                if firstLabel < lines[m].folded.count && !doc.hits[m].isEmpty { m += 1; break }
                m += 1
            }
            assign(doc, run, spans)
            i = k
        }
    }

    private func isLabelOnly(_ doc: DocumentIndex, _ k: Int, _ emptyHits: Set<HitID>) -> Bool {
        let hits = doc.hits[k]
        guard let first = hits.first, let last = hits.indices.last else { return false }
        let before = doc.trimmed(doc.lines[k], 0..<first.range.lowerBound)
        return before.isEmpty && emptyHits.contains(HitID(line: k, index: last))
    }

    private mutating func assign(_ doc: DocumentIndex, _ run: [HitID], _ spans: [ValueSpan]) {
        var next = 0
        for (position, id) in run.enumerated() {
            let kind = doc.hits[id.line][id.index].kind
            // "Họ tên người mua hàng:" over "Tên đơn vị:" with only the company's name below:
            // the person's field is blank, the name is the company's.
            if kind == .buyerPerson, next < spans.count, !ValueLocator.fits(kind, doc, spans[next]),
               run[(position + 1)...].contains(where: { [.companyNeutral, .buyerCompany].contains(doc.hits[$0.line][$0.index].kind) }) {
                continue
            }
            guard let found = spans[next...].firstIndex(where: { ValueLocator.fits(kind, doc, $0) }) else { continue }
            var taken = [spans[found]]
            next = found + 1
            // A name may wrap onto a second line ("… THƯƠNG" / "MẠI VIỆT NHẬT") when
            // there are more value lines than labels left to fill.
            let labelsLeft = run.count - position - 1
            while next < spans.count, spans.count - next > labelsLeft, ValueLocator.isNameKind(kind),
                  NameText.isContinuation(doc.lines[spans[next].line], spans[next].range) {
                taken.append(spans[next])
                next += 1
            }
            values[id] = taken
            if next >= spans.count { break }
        }
    }

    static func isNameKind(_ kind: LabelKind) -> Bool {
        switch kind {
        case .seller, .buyerPerson, .buyerCompany, .buyerGeneric, .companyNeutral: return true
        default: return false
        }
    }

    /// Whether a value line has the shape the label asks for.
    static func fits(_ kind: LabelKind, _ doc: DocumentIndex, _ span: ValueSpan) -> Bool {
        let line = doc.lines[span.line]
        let tokens = line.tokens.filter { span.range.contains($0.range.lowerBound) }
        let digits = tokens.reduce(0) { $0 + $1.digits }
        let letters = tokens.reduce(0) { $0 + $1.letters }
        switch kind {
        case .buyerPerson where NameText.hasOrganisationMarker(tokens.map { line.wordString($0) }):
            // In a column of values, an organisation's name belongs to the company label.
            return false
        case .seller, .buyerPerson, .buyerCompany, .buyerGeneric, .companyNeutral:
            // Names have letters and hardly any digits; an address starts with "Số 12";
            // "(Chữ ký số)" under a signature caption is no name.
            return letters >= 3 && line.folded[span.range.lowerBound] != UInt8(ascii: "(") && digits * 4 <= letters && !(tokens.first.map { line.wordString($0) == "so" } ?? false)
                && (tokens.count < 2 || tokens[1].isAlpha || tokens[0].isAlpha)
        case .taxCode:
            return TaxCodeField.code(in: line, span.range) != nil
        case .phone, .bankAccount:
            return digits >= 6
        case .address:
            return letters >= 3
        case .issueDate, .otherDate:
            return !DateParser.dates(in: line, monthFirst: false).isEmpty
        case .number, .series:
            return digits > 0
        case .sellerSection, .buyerSection, .title, .tableHeader, .signature, .notALabel:
            return false
        default:
            return true
        }
    }
}
