/// Every reading of the money fields the document offers, before the
/// arithmetic chooses among them.
///
/// Each money label contributes the amounts printed after it on its line, or,
/// when its line has none, the amounts of the line below or above (OCR moves a
/// right-aligned value off its label's line). A value printed with spaces for
/// thousands ("1 080 000") is offered both joined and as separate numbers:
/// table cells are also separated by spaces, and only the totals' arithmetic can
/// tell the two apart.

/// One possible value of a money field.
struct MoneyCandidate: Sendable {
    var value: Double
    var token: AmountToken
    var line: Int
    /// How much the label and placement vouch for it, 0…1.
    var prior: Double
    /// The rightmost figure after its label (the label's own value, not another column).
    var primary = true
}

/// A VAT rate as printed: a percentage, or "KCT" (not subject to VAT).
struct RateCandidate: Sendable {
    var percent: Double?
    var line: Int
    var fromRateLabel: Bool
}

struct MoneyCandidates: Sendable {
    var subtotals: [MoneyCandidate] = []
    var vats: [MoneyCandidate] = []
    var totals: [MoneyCandidate] = []
    var rates: [RateCandidate] = []
    /// The amount in words as printed, and the number it reads as.
    var wordsText: String?
    var wordsValue: Int64?
    var wordsLine: Int?
    /// Which labels were printed at all (a printed label with no readable
    /// value is damage; a missing label means the field does not exist).
    var labelled: Set<LabelKind> = []
    /// Currencies written next to the amounts found.
    var currencyVotes: [String: Int] = [:]
    /// The sum of the item lines' amounts (the rightmost money figure of each
    /// line of the item table), when the table could be read.
    var itemsSum: Double?
    /// Cash handed over and change given back, on receipts.
    var cashGiven: Double?
    var change: Double?
    /// A discount taken off the subtotal ("Chiết khấu 7.700"): subtotal − discount = total.
    var discount: Double?
    /// Charges added beside the tax ("10% Svc Chg 1.70"): subtotal + charges + VAT = total.
    var surcharge: Double?

    init(_ doc: DocumentIndex, _ locator: ValueLocator) {
        let summaryRows = readSummaryRows(doc)
        for (id, hit) in doc.allHits where !summaryRows.contains(hit.line) {
            switch hit.kind {
            case .words: if wordsText == nil { readWords(doc, locator, id, hit) }
            case .cashGiven, .change, .discount, .surcharge: readPaymentLine(doc, hit)
            case .tableHeader: readLoneAmountHeading(doc, hit)
            case .subtotal, .vatAmount, .total, .vatRate: readMoneyLabel(doc, hit)
            default: continue
            }
        }
        sumItems(doc)
        discountLostCents()
    }

    /// Cash given, change, a discount or a service charge: the last amount after its label.
    private mutating func readPaymentLine(_ doc: DocumentIndex, _ hit: LabelHit) {
        let tokens = AmountLexer.tokens(in: doc.lines[hit.line], range: doc.valueRange(of: hit)).filter { !$0.isPercent }
        guard let value = tokens.last?.value else { return }
        switch hit.kind {
        case .cashGiven: cashGiven = cashGiven ?? value
        case .change: change = change ?? value
        case .surcharge: if value > 0 { surcharge = (surcharge ?? 0) + value }
        default: if value > 0 { discount = discount ?? value }
        }
    }

    /// "Thành tiền: 86.000" alone on its line (a receipt's total), not a column header.
    private mutating func readLoneAmountHeading(_ doc: DocumentIndex, _ hit: LabelHit) {
        guard hit.delimited, doc.hits[hit.line].count == 1 else { return }
        let tokens = AmountLexer.tokens(in: doc.lines[hit.line], range: doc.valueRange(of: hit))
            .filter { !$0.isPercent && !$0.leadingZero }
        if let last = tokens.last {
            totals.append(MoneyCandidate(value: last.value, token: last, line: hit.line, prior: 0.5))
            labelled.insert(.total)
        }
    }

    /// A subtotal, VAT, total or rate label: the rates it prints, and the amounts after it on
    /// its line, else on the line below or above, else (a column of labels beside a column of
    /// figures) every lone figure below.
    private mutating func readMoneyLabel(_ doc: DocumentIndex, _ hit: LabelHit) {
        labelled.insert(hit.kind)
        let line = doc.lines[hit.line]
        let range = doc.valueRange(of: hit)
        var tokens = AmountLexer.tokens(in: line, range: range)
        rates += MoneyCandidates.rates(in: line, range, tokens, fromRateLabel: hit.kind == .vatRate)
        // "7% GST 1.31", "10% VAT": the rate printed just before the tax's label.
        if hit.kind == .vatAmount, !tokens.contains(where: \.isPercent),
           let before = AmountLexer.tokens(in: line, range: 0..<hit.range.lowerBound).last, before.isPercent, before.value <= 30,
           line.folded[before.range.upperBound..<hit.range.lowerBound].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "%") }) {
            rates.append(RateCandidate(percent: before.value, line: line.index, fromRateLabel: false))
        }
        tokens.removeAll { $0.isPercent }
        guard hit.kind != .vatRate else { return }
        var placement = 1.0
        var sourceLine = line
        if tokens.isEmpty, let (other, otherTokens) = MoneyCandidates.neighbourAmounts(doc, hit) {
            tokens = otherTokens
            sourceLine = other
            placement = other.index > hit.line ? 0.9 : 0.85
        } else if tokens.isEmpty {
            // A column of labels and, further down, a column of figures (Tesseract reads
            // one column after the other): every lone figure below may be this label's;
            // with little weight, so that only the arithmetic can choose one.
            for (other, otherTokens) in MoneyCandidates.orphanAmounts(doc, below: hit.line) {
                add(otherTokens.filter { !$0.leadingZero && !$0.isCodeLike }, kind: hit.kind, line: other, prior: 0.35 * hit.strength,
                    doc: doc, range: 0..<other.folded.count)
            }
            return
        }
        let plausible = tokens.filter { !$0.leadingZero && $0.digitCount <= 15 && !$0.isCodeLike }
        add(plausible, kind: hit.kind, line: sourceLine, prior: hit.strength * placement, doc: doc, range: range)
    }

    /// A tax summary printed as a row of headings over a row of figures ("MwSt Netto MwSt
    /// Brutto" over "A 7% 7,38 0,52 7,90", as till receipts of the euro area print it): the
    /// headings that name amounts take the figures from the right, in order; a heading over
    /// the percentage is its rate. Returns the heading lines so read.
    private mutating func readSummaryRows(_ doc: DocumentIndex) -> Set<Int> {
        var read: Set<Int> = []
        let amountKinds: Set<LabelKind> = [.subtotal, .vatAmount, .total]
        for i in doc.lines.indices.dropLast() where doc.hits[i].count >= 3 && doc.hits[i + 1].isEmpty {
            let hits = doc.hits[i]
            guard hits.allSatisfy({ amountKinds.contains($0.kind) || $0.kind == .vatRate }),
                  Set(hits.map(\.kind)).isSuperset(of: [.subtotal, .vatAmount]),
                  AmountLexer.tokens(in: doc.lines[i]).isEmpty else { continue }
            let below = doc.lines[i + 1]
            let figures = AmountLexer.tokens(in: below).filter { !$0.isPercent && !$0.leadingZero }
            let named = hits.filter { amountKinds.contains($0.kind) }
            guard figures.count >= 2, figures.count <= named.count else { continue }
            for (hit, figure) in zip(named.suffix(figures.count), figures) {
                let candidate = MoneyCandidate(value: figure.value, token: figure, line: below.index, prior: 0.85 * hit.strength, primary: true)
                switch hit.kind {
                case .subtotal: subtotals.append(candidate)
                case .vatAmount: vats.append(candidate)
                default: totals.append(candidate)
                }
                labelled.insert(hit.kind)
            }
            rates += AmountLexer.tokens(in: below).filter { $0.isPercent && $0.value <= 30 }
                .map { RateCandidate(percent: $0.value, line: below.index, fromRateLabel: true) }
            read.insert(i)
        }
        return read
    }

    /// When the document prints its amounts with cents, a whole number among
    /// the candidates has most likely lost its decimal separator to OCR
    /// ("€717,97" read as "€71797"): it stays a candidate, with less weight.
    private mutating func discountLostCents() {
        let all = (subtotals + vats + totals).filter(\.primary)
        let withCents = all.filter { $0.token.decimals == 2 }.count
        guard withCents * 5 >= all.count * 3, withCents < all.count else { return }
        func adjust(_ list: inout [MoneyCandidate]) {
            for i in list.indices where list[i].token.decimals == 0 && list[i].value != 0 { list[i].prior *= 0.7 }
        }
        adjust(&subtotals)
        adjust(&vats)
        adjust(&totals)
    }

    /// Adds up the item table: each line between the table header and the
    /// first total carries its amount as the rightmost figure written like
    /// money (with separators or decimals).
    private mutating func sumItems(_ doc: DocumentIndex) {
        guard let start = doc.tableStart else { return }
        let end = doc.hits.indices.first { $0 > start && doc.hits[$0].contains { [.subtotal, .total, .vatAmount, .words, .vatRate].contains($0.kind) } }
            ?? doc.lines.count
        var sum = 0.0
        var count = 0
        for line in doc.lines[(start + 1)..<end] {
            let tokens = AmountLexer.tokens(in: line).filter { !$0.isPercent && $0.wellFormed && !$0.leadingZero }
            guard let last = tokens.last, last.decimals > 0 || last.raw.contains(where: { $0 == "." || $0 == "," || $0 == " " }) else { continue }
            sum += last.value
            count += 1
        }
        if count > 0 { itemsSum = sum }
    }

    private mutating func add(_ tokens: [AmountToken], kind: LabelKind, line: TextLine, prior: Double, doc: DocumentIndex, range: Range<Int>) {
        guard !tokens.isEmpty else { return }
        var found: [MoneyCandidate] = []
        // The rightmost amount is the label's value (columns before it are
        // quantities or other figures); the others stay as weaker readings.
        for (offset, token) in tokens.reversed().enumerated() {
            var p = prior * (offset == 0 ? 1 : 0.6)
            if !token.wellFormed { p *= 0.5 }
            if token.repaired { p *= 0.95 }
            found.append(MoneyCandidate(value: token.value, token: token, line: line.index, prior: p, primary: offset == 0))
            if let currency = token.currency { currencyVotes[currency, default: 0] += 1 }
        }
        // The same figures read without joining across spaces.
        if tokens.contains(where: \.spaceJoined) {
            let split = AmountLexer.tokens(in: line, range: tokens.first!.range.lowerBound..<tokens.last!.range.upperBound, joinSpaces: false)
                .filter { !$0.isPercent && !$0.leadingZero }
            for token in split.suffix(1) {
                found.append(MoneyCandidate(value: token.value, token: token, line: line.index, prior: prior * 0.7))
            }
        }
        switch kind {
        case .subtotal: subtotals += found
        case .vatAmount: vats += found
        case .total:
            totals += found
            // A summary row "Tổng cộng 1.000.000 100.000 1.100.000" holds all three.
            if tokens.count >= 3 {
                let t = tokens.suffix(3).map(\.value)
                if abs(t[0] + t[1] - t[2]) < 0.005 {
                    let a = Array(tokens.suffix(3))
                    subtotals.append(MoneyCandidate(value: t[0], token: a[0], line: line.index, prior: 0.6))
                    vats.append(MoneyCandidate(value: t[1], token: a[1], line: line.index, prior: 0.6))
                }
            }
        default: break
        }
    }

    /// Percentages and "KCT" in a money label's value.
    private static func rates(in line: TextLine, _ range: Range<Int>, _ tokens: [AmountToken], fromRateLabel: Bool) -> [RateCandidate] {
        var result: [RateCandidate] = []
        for token in tokens where token.isPercent && token.value <= 30 {
            result.append(RateCandidate(percent: token.value, line: line.index, fromRateLabel: fromRateLabel))
        }
        if fromRateLabel, result.isEmpty {
            let words = line.tokens.filter { range.contains($0.range.lowerBound) }.map { line.wordString($0) }
            if let first = words.first, ["kct", "kkknt", "khong"].contains(first) {
                result.append(RateCandidate(percent: nil, line: line.index, fromRateLabel: true))
            }
        }
        return result
    }

    /// Amounts printed on the line below a money label (or above it) when the
    /// label's own line has none: the part of that line before any label of
    /// its own, and only if that part holds nothing but amounts.
    private static func neighbourAmounts(_ doc: DocumentIndex, _ hit: LabelHit) -> (TextLine, [AmountToken])? {
        for other in [hit.line + 1, hit.line - 1] where other >= 0 && other < doc.lines.count {
            let line = doc.lines[other]
            guard line.page == doc.lines[hit.line].page else { continue }
            let firstLabel = doc.hits[other].first?.range.lowerBound ?? line.folded.count
            // Above, only a line with no label at all: the value of the label above it is not ours.
            if other < hit.line, !doc.hits[other].isEmpty { continue }
            let range = doc.trimmed(line, 0..<firstLabel)
            guard !range.isEmpty else { continue }
            let tokens = AmountLexer.tokens(in: line, range: range).filter { !$0.isPercent }
            let letters = line.tokens.filter { range.contains($0.range.lowerBound) && $0.isAlpha }
                .filter { !["d", "vnd", "dong", "usd", "eur"].contains(line.wordString($0)) }
            if !tokens.isEmpty, letters.count <= 1 { return (line, tokens) }
        }
        return nil
    }

    /// Lines below a label (on its page, within 15 lines) that hold a single
    /// amount and no label.
    private static func orphanAmounts(_ doc: DocumentIndex, below line: Int) -> [(TextLine, [AmountToken])] {
        var result: [(TextLine, [AmountToken])] = []
        for other in (line + 1)..<min(doc.lines.count, line + 16) where doc.hits[other].isEmpty {
            let text = doc.lines[other]
            guard text.page == doc.lines[line].page else { break }
            let tokens = AmountLexer.tokens(in: text).filter { !$0.isPercent }
            let words = zip(text.tokens, text.words).filter { $0.0.isAlpha && !["d", "vnd", "dong", "usd", "eur"].contains($0.1) }
            if tokens.count == 1, words.isEmpty { result.append((text, tokens)) }
        }
        return result
    }

    /// The amount in words: the label's value, continued on the next line when
    /// that line is made of number words.
    private mutating func readWords(_ doc: DocumentIndex, _ locator: ValueLocator, _ id: HitID, _ hit: LabelHit) {
        var spans = locator.value(of: id)
        guard let last = spans.last else { return }
        let next = last.line + 1
        if next < doc.lines.count, doc.hits[next].first.map({ $0.range.lowerBound > 0 }) ?? true {
            let line = doc.lines[next]
            let words = line.tokens.filter(\.isAlpha).map { line.wordString($0) }
            let numberWords = words.filter(VietnameseNumberWords.isNumberWord).count
            // A line that already ends with "đồng" or "chẵn" is complete.
            let finished = NameText.foldedWords(NameText.text(doc, spans)).last.map { ["dong", "chan"].contains($0) } ?? false
            if !words.isEmpty, numberWords * 3 >= words.count * 2, !finished {
                spans.append(ValueSpan(line: next, range: doc.trimmed(line, 0..<line.folded.count)))
            }
        }
        let text = spans.map { doc.lines[$0.line].original($0.range) }.joined(separator: " ")
        wordsText = text
        wordsValue = VietnameseNumberWords.parse(text)
        wordsLine = spans[0].line
    }
}
