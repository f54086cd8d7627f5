/// Choosing subtotal, VAT and total so that the invoice's arithmetic holds,
/// and repairing a figure OCR damaged when the others prove what it must be.
///
/// The evidence: subtotal + VAT = total; VAT = subtotal × rate; the amount in
/// words restates the total. Every combination of the candidates (including
/// "not printed") is scored by label strength plus these agreements, and the
/// best kept. Then a value that disagrees is replaced only when two
/// independent facts fix it (for instance the words and subtotal + VAT both
/// give the total) or when one fact fixes it and the printed digits differ
/// from the fixed value in one or two places, as OCR damage does.
struct MoneyFields: Sendable {
    var subtotal: Found<Double>?
    var vatAmount: Found<Double>?
    var total: Found<Double>?
    var vatRate: Found<Double>?
    /// "KCT": printed as not subject to VAT.
    var vatExempt = false
    var amountInWords: Found<String>?
    var wordsValue: Double?
    var sumMatches: Bool?
    var rateMatches: Bool?
    var wordsMatch: Bool?
    /// The item lines add up to the subtotal (or, with no subtotal, the total).
    var itemsMatch: Bool?
    /// Cash given − change = total (receipts).
    var cashMatches: Bool?
    var currency: Found<String>

    init(_ doc: DocumentIndex, _ c: MoneyCandidates, notes: inout ExtractionNotes) {
        currency = MoneyFields.currency(doc, c)
        let evidence = MoneyEvidence(c)
        wordsValue = evidence.words
        vatExempt = evidence.rateCandidate != nil && evidence.rate == nil

        // 1. The combination the evidence favours.
        var chosen = MoneyFields.bestCombination(c, rate: evidence.rate, words: evidence.words, unit: evidence.unit)
        // 2. Repairs, where the other figures prove what a damaged one must be.
        chosen.settleTotalByWords(evidence, notes: &notes)
        chosen.repairSubtotalOrVAT(evidence, notes: &notes)
        chosen.fillUnreadable(evidence, notes: &notes)
        chosen.noteLexerRepairs(evidence, notes: &notes)
        // 3. Checks on the final values.
        check(chosen, evidence)
        // 4. Confidence from the checks.
        weigh(&chosen, notes: &notes)

        subtotal = chosen.subtotal.found
        vatAmount = chosen.vat.found
        total = chosen.total.found
        vatRate = readRate(doc, chosen, evidence, notes: &notes)
        amountInWords = readWords(chosen, evidence, notes: &notes)
    }

    // MARK: - Choosing

    /// 1. Every combination of the candidates (each may also be "not printed"), scored by the
    /// labels' strength plus the agreements it makes; the best, trusted as far as its labels.
    private static func bestCombination(_ c: MoneyCandidates, rate: Double?, words: Double?, unit: Double) -> ChosenFigures {
        let subtotals: [MoneyCandidate?] = c.subtotals.prefix(6).map { $0 } + [nil]
        let vats: [MoneyCandidate?] = c.vats.prefix(6).map { $0 } + [nil]
        let totals: [MoneyCandidate?] = c.totals.prefix(8).map { $0 } + [nil]
        var best: (score: Double, s: MoneyCandidate?, v: MoneyCandidate?, t: MoneyCandidate?) = (-.infinity, nil, nil, nil)
        for s in subtotals {
            for v in vats {
                for t in totals {
                    var score = (s?.prior ?? 0) + (v?.prior ?? 0) + (t?.prior ?? 0)
                    // A discount printed between subtotal and total is taken off before tax.
                    let off = (c.discount ?? 0) - (c.surcharge ?? 0)
                    if let s, let v, let t {
                        score += equal(s.value + v.value, t.value, unit) || equal(s.value - off + v.value, t.value, unit) ? 3 : -1
                    } else if let s, let t, v == nil, c.vats.isEmpty {
                        score += equal(s.value, t.value, unit) || equal(s.value - off, t.value, unit) ? 1 : -0.5
                    }
                    // A receipt's cash given less the change handed back is what was paid.
                    if let t, let given = c.cashGiven, let back = c.change { score += equal(given - back, t.value, unit) ? 2 : 0 }
                    if let t, let w = words { score += equal(t.value, w, unit) ? 3 : -0.5 }
                    if let s, let v, let r = rate {
                        score += rateHolds(s.value, v.value, r, unit) || rateHolds(s.value - off, v.value, r, unit) ? 1 : -0.3
                    }
                    if let s, let t, s.value - off > t.value + unit / 2 { score -= 1 }
                    if score > best.score { best = (score, s, v, t) }
                }
            }
        }
        return ChosenFigures(subtotal: best.s, vat: best.v, total: best.t)
    }

    // MARK: - Checking

    /// 3. The checks the final figures pass or fail (nil where a figure a check needs is missing).
    private mutating func check(_ chosen: ChosenFigures, _ evidence: MoneyEvidence) {
        let c = evidence.candidates
        let (s, v, t) = (chosen.subtotal.value, chosen.vat.value, chosen.total.value)
        if let sv = s, let tv = t {
            let off = -evidence.surchargeLessDiscount
            if let vv = v {
                sumMatches = evidence.equal(sv + vv, tv) || evidence.equal(sv - off + vv, tv)
            } else if !c.labelled.contains(.vatAmount) {
                // A sales invoice: no VAT line, the subtotal (less any discount) is the total.
                sumMatches = evidence.equal(sv, tv) || evidence.equal(sv - off, tv)
            }
        }
        if let r = evidence.rate, let sv = s, let vv = v {
            rateMatches = evidence.rateHolds(sv, vv, r) || evidence.rateHolds(sv + evidence.surchargeLessDiscount, vv, r)
        }
        if let w = evidence.words, let tv = t { wordsMatch = evidence.equal(w, tv) }
        if let items = c.itemsSum, let target = s ?? t { itemsMatch = evidence.equal(items, target) }
        if let given = c.cashGiven, let back = c.change, let tv = t { cashMatches = evidence.equal(given - back, tv) }
    }

    /// 4. The checks outweigh the labels: a figure they confirm rises, one they contradict falls.
    private func weigh(_ chosen: inout ChosenFigures, notes: inout ExtractionNotes) {
        typealias Trust = MoneyConfidence
        if sumMatches == true {
            let subtotalAndVAT = rateMatches == true ? Trust.sumAndRateConfirmed : Trust.sumConfirmed
            chosen.subtotal.raise(to: subtotalAndVAT)
            chosen.vat.raise(to: subtotalAndVAT)
            chosen.total.raise(to: Trust.sumConfirmed)
        } else if sumMatches == false {
            chosen.subtotal.lower(to: Trust.sumContradicted)
            chosen.vat.lower(to: Trust.sumContradicted)
            chosen.total.lower(to: wordsMatch == true ? Trust.wordsConfirmedAgainstSum : Trust.sumContradicted)
            notes.warnings.append("subtotal + VAT does not equal total_amount")
        }
        if rateMatches == false { notes.warnings.append("VAT amount does not match subtotal × rate") }
        if wordsMatch == true { chosen.total.raise(to: sumMatches == false ? Trust.wordsConfirmedAgainstSum : Trust.wordsConfirmed) }
        // The item lines and the cash arithmetic vouch for a figure too, but they are read
        // from OCR'd tables, so only their agreement counts (a mismatch is no contradiction).
        if itemsMatch == true {
            if chosen.subtotal.value != nil { chosen.subtotal.raise(to: Trust.itemsConfirmed) } else { chosen.total.raise(to: Trust.itemsConfirmed) }
            if sumMatches == true { chosen.total.raise(to: Trust.itemsAndSumConfirmed) }
        }
        if cashMatches == true { chosen.total.raise(to: Trust.cashConfirmed) }
    }

    // MARK: - Rate and words

    /// The VAT rate as printed, trusted as far as VAT = subtotal × rate holds; or, when the
    /// rate line was lost to OCR, the legal rate of which the VAT is exactly the share.
    private func readRate(_ doc: DocumentIndex, _ chosen: ChosenFigures, _ evidence: MoneyEvidence,
                          notes: inout ExtractionNotes) -> Found<Double>? {
        if let r = evidence.rate, let printed = evidence.rateCandidate {
            let trust = rateMatches == true ? MoneyConfidence.rateConfirmed
                : (rateMatches == false ? MoneyConfidence.rateContradicted : MoneyConfidence.rateUnchecked)
            return Found(value: r, confidence: trust, line: printed.line)
        }
        // The rate line was lost to OCR, but the VAT is exactly a legal rate of the subtotal.
        guard !vatExempt, doc.isVietnamese, let sv = chosen.subtotal.value, let vv = chosen.vat.value, sv > 0, sumMatches == true,
              let inferred = [10.0, 8.0, 5.0].first(where: { evidence.rateHolds(sv, vv, $0) }), vv > 0 else { return nil }
        notes.repair(.vatRate, "", MoneyFields.format(inferred, false), "rate line unreadable; VAT / subtotal")
        return Found(value: inferred, confidence: MoneyConfidence.rateInferred, line: -1)
    }

    /// The amount in words: read back to a number, spelled anew from a proven total when OCR
    /// broke a word or two, else kept as printed.
    private func readWords(_ chosen: ChosenFigures, _ evidence: MoneyEvidence, notes: inout ExtractionNotes) -> Found<String>? {
        guard let text = evidence.candidates.wordsText else { return nil }
        let line = evidence.candidates.wordsLine ?? -1
        if let restored = VietnameseNumberWords.restoredText(text) {
            let trust = wordsMatch == true ? MoneyConfidence.wordsRestoredMatching : MoneyConfidence.wordsRestoredUnchecked
            return Found(value: restored, confidence: trust, line: line)
        }
        if let tv = chosen.total.value, sumMatches == true, !evidence.decimals,
           case let spelled = VietnameseNumberWords.spell(Int64(tv.rounded()), like: text),
           VietnameseNumberWords.agreement(spelled, text) >= 0.75 {
            // OCR broke a word or two of the line; the total is proven by subtotal + VAT,
            // and the printed words agree with it everywhere they can be read.
            notes.repair(.amountInWords, text, spelled, "unreadable words; spelled from the verified total")
            return Found(value: spelled, confidence: MoneyConfidence.wordsSpelledFromTotal, line: line)
        }
        let cleaned = NameText.clean(text)
        return cleaned.isEmpty ? nil : Found(value: cleaned, confidence: MoneyConfidence.wordsAsPrinted, line: line)
    }

    // MARK: - Arithmetic

    static func equal(_ a: Double, _ b: Double, _ unit: Double) -> Bool {
        abs(a - b) < unit / 2
    }

    /// VAT = subtotal × rate, within rounding (VAT is rounded per line on some invoices).
    static func rateHolds(_ subtotal: Double, _ vat: Double, _ rate: Double, _ unit: Double) -> Bool {
        abs(subtotal * rate / 100 - vat) <= max(unit, subtotal * rate / 100 * 0.001)
    }

    /// Number of differing digits between two amounts with the same digit count
    /// (a large number when the counts differ).
    static func digitDistance(_ a: Double, _ b: Double) -> Int {
        let x = Array(String(Int64((a * 100).rounded()))), y = Array(String(Int64((b * 100).rounded())))
        guard x.count == y.count else { return 99 }
        return zip(x, y).filter { $0 != $1 }.count
    }

    static func format(_ value: Double, _ decimals: Bool) -> String {
        if decimals { return String(format2: value) }
        return String(Int64(value.rounded()))
    }
}

// MARK: - The working state

/// What the arithmetic works with besides the three figures.
private struct MoneyEvidence {
    let candidates: MoneyCandidates
    /// A percentage after the rate label, else one inside the VAT label ("Thuế GTGT (5%)");
    /// its percent is nil for "KCT" (not subject to VAT).
    let rateCandidate: RateCandidate?
    /// The number the amount in words reads as.
    let words: Double?
    /// The amounts are printed with cents; `unit` is the smallest step two of them can differ by.
    let decimals: Bool
    let unit: Double
    /// A service charge adds to the tax base, a discount comes off it.
    let surchargeLessDiscount: Double

    init(_ c: MoneyCandidates) {
        candidates = c
        rateCandidate = c.rates.first { $0.fromRateLabel } ?? c.rates.first
        words = c.wordsValue.map(Double.init)
        decimals = (c.subtotals + c.vats + c.totals).contains { $0.token.decimals > 0 }
        unit = decimals ? 0.01 : 1.0
        surchargeLessDiscount = (c.surcharge ?? 0) - (c.discount ?? 0)
    }

    var rate: Double? { rateCandidate?.percent }

    func equal(_ a: Double, _ b: Double) -> Bool { MoneyFields.equal(a, b, unit) }

    func rateHolds(_ subtotal: Double, _ vat: Double, _ rate: Double) -> Bool { MoneyFields.rateHolds(subtotal, vat, rate, unit) }

    func format(_ value: Double) -> String { MoneyFields.format(value, decimals) }
}

/// One of subtotal, VAT and total while the arithmetic settles it.
private struct Figure {
    /// The printed reading it came from: nil when none was chosen, or when a repair
    /// replaced the reading whole (the figure then comes from no line).
    var candidate: MoneyCandidate?
    /// The value kept so far: the candidate's, or a repair's.
    var value: Double?
    /// How far it is trusted so far (see MoneyConfidence).
    var confidence: Double

    init(_ candidate: MoneyCandidate?, shareOfLabel: Double) {
        self.candidate = candidate
        value = candidate?.value
        confidence = candidate.map { shareOfLabel * $0.prior } ?? 0
    }

    /// A value no printed reading gave as it stands.
    init(repairedTo value: Double, confidence: Double) {
        candidate = nil
        self.value = value
        self.confidence = confidence
    }

    mutating func raise(to floor: Double) { confidence = max(confidence, floor) }

    mutating func lower(to ceiling: Double) { confidence = min(confidence, ceiling) }

    var found: Found<Double>? { value.map { Found(value: $0, confidence: confidence, line: candidate?.line ?? -1) } }
}

/// Subtotal, VAT and total as the repairs leave them.
private struct ChosenFigures {
    var subtotal: Figure
    var vat: Figure
    var total: Figure

    init(subtotal: MoneyCandidate?, vat: MoneyCandidate?, total: MoneyCandidate?) {
        self.subtotal = Figure(subtotal, shareOfLabel: MoneyConfidence.subtotalOrVATShareOfLabel)
        self.vat = Figure(vat, shareOfLabel: MoneyConfidence.subtotalOrVATShareOfLabel)
        self.total = Figure(total, shareOfLabel: MoneyConfidence.totalShareOfLabel)
    }

    /// The total agrees with the amount in words.
    func totalConfirmedByWords(_ evidence: MoneyEvidence) -> Bool {
        evidence.words.map { w in total.value.map { evidence.equal($0, w) } ?? false } ?? false
    }

    /// 2a. The amount in words restates the total. It replaces a printed total that disagrees when
    /// subtotal + VAT give the words' figure too, or when the printed digits are one or two OCR
    /// slips away from it, or were malformed; it stands in for a total not read at all.
    mutating func settleTotalByWords(_ evidence: MoneyEvidence, notes: inout ExtractionNotes) {
        typealias Trust = MoneyConfidence
        guard let w = evidence.words else { return }
        let sumGivesWords = subtotal.value.flatMap { sv in vat.value.map { evidence.equal(sv + $0, w) } } ?? false
        if let tv = total.value, !evidence.equal(tv, w) {
            if sumGivesWords || MoneyFields.digitDistance(tv, w) <= 2 || !(total.candidate?.token.wellFormed ?? true) {
                notes.repair(.totalAmount, total.candidate?.token.raw ?? String(tv), evidence.format(w),
                             sumGivesWords ? "amount in words and subtotal + VAT agree" : "amount in words")
                total = Figure(repairedTo: w, confidence: sumGivesWords ? Trust.totalFromWordsAndSum : Trust.totalFromWords)
            } else {
                notes.warnings.append("total_amount contradicts the amount in words")
                total.confidence = Trust.totalContradictingWords
            }
        } else if total.value == nil {
            total.value = w
            total.confidence = sumGivesWords ? Trust.unreadableTotalFromWordsAndSum
                : (evidence.candidates.labelled.contains(.total) ? Trust.unreadableTotalFromWordsLabelled : Trust.unreadableTotalFromWords)
            notes.repair(.totalAmount, "", evidence.format(w),
                         sumGivesWords ? "unreadable; amount in words and subtotal + VAT agree" : "unreadable; taken from the amount in words")
        }
    }

    /// 2b. When subtotal + VAT miss the total, one of subtotal and VAT is damaged: the one whose
    /// printed digits are closest to what the total demands, confirmed by the rate when printed
    /// (else by the words confirming the total).
    mutating func repairSubtotalOrVAT(_ evidence: MoneyEvidence, notes: inout ExtractionNotes) {
        let adjust = evidence.surchargeLessDiscount
        guard let tv = total.value, let sv = subtotal.value, let vv = vat.value, !evidence.equal(sv + vv, tv),
              !evidence.equal(sv + adjust + vv, tv) else { return }
        let totalConfirmed = totalConfirmedByWords(evidence)
        let vFixed = tv - sv - adjust, sFixed = tv - vv - adjust
        let vPlausible = MoneyFields.digitDistance(vv, vFixed) <= 2 && vFixed >= 0
            && (evidence.rate.map { evidence.rateHolds(sv + adjust, vFixed, $0) } ?? totalConfirmed)
        let sPlausible = MoneyFields.digitDistance(sv, sFixed) <= 2 && sFixed > 0
            && (evidence.rate.map { evidence.rateHolds(sFixed + adjust, vv, $0) } ?? totalConfirmed)
        guard vPlausible != sPlausible else { return }
        if vPlausible {
            notes.repair(.vatAmount, vat.candidate?.token.raw ?? String(vv), evidence.format(vFixed), "total − subtotal")
            vat.value = vFixed
            vat.confidence = MoneyConfidence.fixedByTotal
        } else {
            notes.repair(.subtotal, subtotal.candidate?.token.raw ?? String(sv), evidence.format(sFixed), "total − VAT")
            subtotal.value = sFixed
            subtotal.confidence = MoneyConfidence.fixedByTotal
        }
    }

    /// 2c. A printed but unreadable subtotal or VAT, fixed by the two others when the total is
    /// confirmed by the words or a rate is printed to confirm the result.
    mutating func fillUnreadable(_ evidence: MoneyEvidence, notes: inout ExtractionNotes) {
        guard let tv = total.value, totalConfirmedByWords(evidence) || evidence.rate != nil else { return }
        let rate = evidence.rate
        if subtotal.value == nil, let vv = vat.value, evidence.candidates.labelled.contains(.subtotal),
           rate.map({ evidence.rateHolds(tv - vv, vv, $0) }) ?? true {
            subtotal.value = tv - vv
            subtotal.confidence = MoneyConfidence.unreadableFromTotal
            notes.repair(.subtotal, "", evidence.format(tv - vv), "unreadable; total − VAT")
        } else if vat.value == nil, let sv = subtotal.value, tv > sv, rate.map({ evidence.rateHolds(sv, tv - sv, $0) }) ?? false {
            // The VAT line itself is unreadable (or its label is), but subtotal × rate gives
            // exactly total − subtotal.
            vat.value = tv - sv
            vat.confidence = MoneyConfidence.unreadableFromTotal
            notes.repair(.vatAmount, "", evidence.format(tv - sv), "unreadable; total − subtotal")
        }
    }

    /// 2d. What the lexer had to undo in the printed figures that were kept.
    func noteLexerRepairs(_ evidence: MoneyEvidence, notes: inout ExtractionNotes) {
        for (field, figure) in [(InvoiceField.subtotal, subtotal), (.vatAmount, vat), (.totalAmount, total)] {
            guard let candidate = figure.candidate, let value = figure.value, value == candidate.value else { continue }
            let token = candidate.token
            var reasons: [String] = []
            if token.separatorRepaired { reasons.append("colon read as a thousands separator") }
            if token.letterRepaired { reasons.append("letters read as digits") }
            if token.spaceJoined { reasons.append("digit groups split by spaces joined") }
            if !reasons.isEmpty {
                notes.repair(field, token.raw, evidence.format(value), reasons.joined(separator: "; "))
            }
        }
    }
}

extension String {
    /// Two decimals without Foundation's formatter.
    init(format2 value: Double) {
        let cents = Int64((value * 100).rounded())
        let whole = cents / 100, fraction = abs(cents % 100)
        self = "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
