/// Invoice series (ký hiệu) and number (số).
struct HeaderFields: Sendable {
    var series: Found<String>?
    var number: Found<String>?
    var seriesFormatValid: Bool?

    init(_ doc: DocumentIndex, _ locator: ValueLocator, notes: inout ExtractionNotes) {
        let hits = doc.allHits
        (series, seriesFormatValid) = HeaderFields.findSeries(doc, locator, hits, notes: &notes)
        number = HeaderFields.findNumber(doc, locator, hits, seriesLine: series?.line, notes: &notes)
    }

    // MARK: - Series

    /// The series labelled as such, the first of the Circular 78 shape (else the last one
    /// read); else, unlabelled, a token of that shape near the top. With whether it has the shape.
    private static func findSeries(_ doc: DocumentIndex, _ locator: ValueLocator, _ hits: [(id: HitID, hit: LabelHit)],
                                   notes: inout ExtractionNotes) -> (Found<String>?, Bool?) {
        var series: Found<String>?
        var formatValid: Bool?
        for (id, hit) in hits where hit.kind == .series {
            guard let span = locator.value(of: id).first,
                  let (value, valid, repaired) = HeaderFields.series(in: doc.lines[span.line], span.range),
                  // Every series carries a figure ("1C25TAA", "AA/17E"); "SERI INDAH" is a Malay shop's name.
                  value.contains(where: \.isNumber) else { continue }
            if repaired {
                notes.repair(.invoiceSeries, doc.lines[span.line].original(span.range), value,
                             "look-alike characters fixed to fit the series pattern")
            }
            series = Found(value: value, confidence: valid ? 0.97 : 0.75, line: span.line)
            formatValid = valid
            if valid { break }
        }
        if series != nil { return (series, formatValid) }
        // Unlabelled (or label lost to OCR): a token of the Circular 78 shape near the top.
        for line in doc.lines.prefix(25) {
            for token in line.tokens where token.count == 7 && token.digits >= 2 && token.letters >= 3 {
                if let (value, valid, _) = HeaderFields.series(in: line, token.range), valid {
                    return (Found(value: value, confidence: 0.8, line: line.index), true)
                }
            }
        }
        return (nil, nil)
    }

    // MARK: - Number

    /// A reading of the invoice number and how well its label vouches for it.
    private typealias NumberReading = (value: String, score: Double, line: Int)

    /// The invoice number: the best labelled one, else a long zero-padded number after a bare
    /// "số", else one standing alone beside the series.
    private static func findNumber(_ doc: DocumentIndex, _ locator: ValueLocator, _ hits: [(id: HitID, hit: LabelHit)],
                                   seriesLine: Int?, notes: inout ExtractionNotes) -> Found<String>? {
        let (labelled, printedAs) = labelledNumber(doc, locator, hits)
        guard let best = labelled ?? numberAfterBareSo(doc)
                ?? (doc.isVietnamese ? seriesLine.flatMap({ numberBesideSeries(doc, hits, near: $0) }) : nil) else { return nil }
        // "0000O789": a letter read as a digit.
        if let printed = printedAs[best.value], doc.isVietnamese,
           printed.split(separator: " ").first.map({ $0.contains(where: { $0 == "O" || $0 == "o" || $0 == "l" || $0 == "I" }) }) ?? false {
            notes.repair(.invoiceNumber, String(printed.split(separator: " ").first ?? ""), best.value, "letters read as digits")
        }
        return Found(value: best.value, confidence: min(best.score, 0.97), line: best.line)
    }

    /// The best-labelled number; among equals, the first printed (the header comes before
    /// footers such as "Please include invoice number …"). With the text each number was read from.
    private static func labelledNumber(_ doc: DocumentIndex, _ locator: ValueLocator, _ hits: [(id: HitID, hit: LabelHit)])
        -> (NumberReading?, [String: String]) {
        // Item-table headers carry "(No.)" and "Số lượng"; nothing there is the invoice number.
        // A header names two columns or more ("Unit 4, Baltic Works" beside "Invoice No." is an address).
        let tableLines = Set(doc.hits.indices.filter { doc.hits[$0].filter { $0.kind == .tableHeader }.count >= 2 })
        var best: NumberReading?
        var numberSources: [String: String] = [:]
        // "Invoice" / "Factuur" heading a column whose value is below it (a grid of headings and
        // values) names the number, like a label.
        let headingNumbers = hits.filter { $0.hit.kind == .title && !locator.value(of: $0.id).isEmpty
            && locator.value(of: $0.id)[0].line == $0.hit.line + 1 }
        for (id, hit) in hits.filter({ $0.hit.kind == .number }) + headingNumbers where !tableLines.contains(hit.line) {
            guard let span = locator.value(of: id).first,
                  var value = HeaderFields.number(in: doc.lines[span.line], span.range, vietnamese: doc.isVietnamese)
            else { continue }
            numberSources[value] = doc.lines[span.line].original(span.range)
            // "Số (No.): 000" with "00014" a few lines below: OCR split a large zero-padded number.
            if doc.isVietnamese, value.allSatisfy({ $0 == "0" }), let rest = HeaderFields.restOfSplitNumber(doc, after: span.line, have: value.count) {
                value += rest
            }
            var score = hit.wordCount >= 2 ? 0.95 : 0.92
            if span.line != hit.line { score -= 0.04 }
            if value.allSatisfy(\.isNumber), value.count < 3 { score -= 0.3 }
            if best == nil || score > best!.score { best = (value, score, span.line) }
        }
        return (best, numberSources)
    }

    /// "số 02392850" with its colon lost: accept only a long, zero-padded number.
    private static func numberAfterBareSo(_ doc: DocumentIndex) -> NumberReading? {
        for line in doc.lines.prefix(25) {
            for (k, token) in line.tokens.enumerated() where line.wordString(token) == "so" && k + 1 < line.tokens.count {
                let next = line.tokens[k + 1]
                let text = line.wordString(next)
                if next.isNumeric, (7...8).contains(next.count), text.hasPrefix("0") { return (text, 0.7, line.index) }
            }
        }
        return nil
    }

    /// The header box prints "Số (No.): 00006789" in large or red type beside the series and
    /// the title, where OCR loses the label ("cm, 00006789"): a zero-padded number of seven or
    /// eight digits standing alone on those lines is the invoice number.
    private static func numberBesideSeries(_ doc: DocumentIndex, _ hits: [(id: HitID, hit: LabelHit)], near: Int) -> NumberReading? {
        let titleLines = Set(hits.filter { $0.hit.kind == .title }.map(\.hit.line))
        let window = max(0, near - 2)...min(doc.lines.count - 1, near + 2)
        for i in window where i == near || titleLines.contains(i) || titleLines.contains(i - 1) {
            let line = doc.lines[i]
            for (k, token) in line.tokens.enumerated() where token.isNumeric && (7...8).contains(token.count) {
                let text = line.wordString(token)
                let glued = { (n: Int) in n >= 0 && n < line.tokens.count && line.tokens[n].isNumeric }
                guard text.hasPrefix("0"), !glued(k - 1), !glued(k + 1) else { continue }
                return (text, 0.6, i)
            }
        }
        return nil
    }

    /// The series in a value: the first token, upper-cased, with OCR look-alikes
    /// fixed where the Circular 78 pattern (1C26TTU: template digit, C/K, year,
    /// type letter, two letters) demands a digit or a letter.
    static func series(in line: TextLine, _ range: Range<Int>) -> (String, Bool, Bool)? {
        guard let token = line.tokens.first(where: { range.contains($0.range.lowerBound) }) else { return nil }
        // Old series ("AA/20E") keep their slash.
        var end = token.range.upperBound
        if end + 1 < line.folded.count, line.folded[end] == UInt8(ascii: "/"), line.folded[end + 1].isAlphanumericASCII {
            end += 1
            while end < line.folded.count, line.folded[end].isAlphanumericASCII { end += 1 }
        }
        let printed = line.original(token.range.lowerBound..<end).uppercased()
        let chars = Array(printed.unicodeScalars.map { FoldTable.fold($0).map { Character(Unicode.Scalar($0)) } ?? "?" })
            .map { Character($0.uppercased()) }
        guard (2...10).contains(chars.count), chars.contains(where: \.isLetter) || chars.contains("/") else { return nil }
        if let fixed = fitPattern(chars) { return (String(fixed), true, String(fixed) != String(chars)) }
        return (String(chars), false, false)
    }

    /// Matches (after repairs) "1C26TTU" (7) or "C26TTU" (6).
    private static func fitPattern(_ chars: [Character]) -> [Character]? {
        var c = chars
        let offset: Int
        switch c.count {
        case 7: offset = 1
        case 6: offset = 0
        default: return nil
        }
        func digit(_ ch: Character) -> Character? {
            if ch.isNumber { return ch }
            switch ch { case "O", "D", "Q": return "0"; case "I", "L", "|": return "1"; case "S": return "5"; case "B": return "8"; case "Z": return "2"; default: return nil }
        }
        func letter(_ ch: Character) -> Character? {
            if ch.isLetter { return ch }
            switch ch { case "0": return "O"; case "1": return "I"; case "5": return "S"; case "8": return "B"; case "2": return "Z"; default: return nil }
        }
        if offset == 1 {
            guard let d = digit(c[0]), ("1"..."6").contains(d) else { return nil }
            c[0] = d
        }
        guard let kind = letter(c[offset]), kind == "C" || kind == "K" else { return nil }
        c[offset] = kind
        for k in (offset + 1)...(offset + 2) {
            guard let d = digit(c[k]) else { return nil }
            c[k] = d
        }
        guard let type = letter(c[offset + 3]) else { return nil }
        c[offset + 3] = type
        for k in (offset + 4)..<c.count {
            // The last two are the seller's own letters; digits occur but rarely.
            guard c[k].isLetter || c[k].isNumber else { return nil }
        }
        return c
    }

    /// The invoice number in a value: on Vietnamese invoices a run of digits
    /// (look-alike letters read as digits), elsewhere a code such as
    /// "INV-2026-8854".
    static func number(in line: TextLine, _ range: Range<Int>, vietnamese: Bool) -> String? {
        guard let first = line.tokens.firstIndex(where: { range.contains($0.range.lowerBound) }) else { return nil }
        let token = line.tokens[first]
        let word = line.wordString(token)
        // Letters then digits ("HD0023981", "OR18052302160013"): a receipt's code, as printed.
        let leadingLetters = word.prefix { $0.isLetter }.count
        if leadingLetters >= 2, token.digits >= 4, word.dropFirst(leadingLetters).allSatisfy(\.isNumber) {
            return code(line, token.range.lowerBound, range.upperBound)
        }
        if token.isNumeric || (token.digits * 2 > token.count && vietnamese) {
            // Digits with look-alikes: "0O092136".
            var digits = ""
            for ch in word {
                if ch.isNumber { digits.append(ch) } else if ch == "o" { digits.append("0") } else if ch == "l" || ch == "i" { digits.append("1") } else { return nil }
            }
            // A code such as "INV-2026-8854" or "PO-123" continues after a dash; a plain number stands alone,
            // except a receipt's store-and-sequence number ("4521-0034567": groups of three digits or more).
            if let code = code(line, token.range.lowerBound, range.upperBound), code.count > digits.count,
               !vietnamese || HeaderFields.isDashedSequence(code) {
                return code
            }
            return digits.count <= 20 ? digits : nil
        }
        guard token.digits > 0 || !vietnamese else { return nil }
        guard let code = code(line, token.range.lowerBound, range.upperBound), code.contains(where: \.isNumber) else { return nil }
        return code
    }

    /// The digits that complete a number OCR cut after its leading zeros: a lone run of digits
    /// on one of the next four lines that makes seven or eight digits with them.
    static func restOfSplitNumber(_ doc: DocumentIndex, after line: Int, have zeros: Int) -> String? {
        for i in (line + 1)..<min(doc.lines.count, line + 5) {
            let tokens = doc.lines[i].tokens
            guard tokens.count == 1, tokens[0].isNumeric, doc.hits[i].isEmpty else { continue }
            let digits = doc.lines[i].wordString(tokens[0])
            if (7...8).contains(zeros + digits.count) { return digits }
        }
        return nil
    }

    /// "4521-0034567", "0512-004571": digit groups of three or more joined by dashes.
    static func isDashedSequence(_ code: String) -> Bool {
        let groups = code.split(separator: "-", omittingEmptySubsequences: false)
        return groups.count >= 2 && groups.allSatisfy { $0.count >= 3 && $0.allSatisfy(\.isNumber) }
    }

    /// A code of letters, digits, dashes, slashes and underscores as printed.
    private static func code(_ line: TextLine, _ start: Int, _ end: Int) -> String? {
        var k = start
        func joiner(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: "_") }
        while k < end, line.folded[k].isAlphanumericASCII || (joiner(line.folded[k]) && k + 1 < end && line.folded[k + 1].isAlphanumericASCII) {
            k += 1
        }
        let text = line.original(start..<k)
        return text.isEmpty || text.count > 24 ? nil : text
    }
}
