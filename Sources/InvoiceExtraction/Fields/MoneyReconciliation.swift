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
        let decimals = (c.subtotals + c.vats + c.totals).contains { $0.token.decimals > 0 }
        let unit = decimals ? 0.01 : 1.0
        let words = c.wordsValue.map(Double.init)
        wordsValue = words

        // Rate: a percentage after the rate label, else one inside the VAT label ("Thuế GTGT (5%)").
        let rateCandidate = c.rates.first { $0.fromRateLabel } ?? c.rates.first
        let rate = rateCandidate?.percent
        vatExempt = rateCandidate != nil && rate == nil

        // 1. The combination the evidence favours.
        let (s0, v0, t0) = MoneyFields.bestCombination(c, rate: rate, words: words, unit: unit)
        var s = s0, v = v0, t = t0
        var sConf = s.map { 0.7 * $0.prior } ?? 0, vConf = v.map { 0.7 * $0.prior } ?? 0, tConf = t.map { 0.75 * $0.prior } ?? 0
        var sValue = s?.value, vValue = v?.value, tValue = t?.value

        // 2. Repairs.
        if let w = words {
            if let tv = tValue, !MoneyFields.equal(tv, w, unit) {
                let sumGivesWords = sValue.flatMap { sv in vValue.map { MoneyFields.equal(sv + $0, w, unit) } } ?? false
                if sumGivesWords || MoneyFields.digitDistance(tv, w) <= 2 || !(t?.token.wellFormed ?? true) {
                    notes.repair(.totalAmount, t?.token.raw ?? String(tv), MoneyFields.format(w, decimals),
                                 sumGivesWords ? "amount in words and subtotal + VAT agree" : "amount in words")
                    tValue = w
                    tConf = sumGivesWords ? 0.95 : 0.88
                    t = nil
                } else {
                    notes.warnings.append("total_amount contradicts the amount in words")
                    tConf = 0.3
                }
            } else if tValue == nil {
                let sumGivesWords = sValue.flatMap { sv in vValue.map { MoneyFields.equal(sv + $0, w, unit) } } ?? false
                tValue = w
                tConf = sumGivesWords ? 0.93 : (c.labelled.contains(.total) ? 0.8 : 0.75)
                notes.repair(.totalAmount, "", MoneyFields.format(w, decimals),
                             sumGivesWords ? "unreadable; amount in words and subtotal + VAT agree" : "unreadable; taken from the amount in words")
            }
        }
        let totalConfirmed = words.map { w in tValue.map { MoneyFields.equal($0, w, unit) } ?? false } ?? false
        // A service charge adds to the tax base, a discount comes off it.
        let adjust = (c.surcharge ?? 0) - (c.discount ?? 0)
        if let tv = tValue, let sv = sValue, let vv = vValue, !MoneyFields.equal(sv + vv, tv, unit),
           !MoneyFields.equal(sv + adjust + vv, tv, unit) {
            // One of subtotal and VAT is damaged: the one whose printed digits are
            // closest to what the total demands, confirmed by the rate when printed.
            let vFixed = tv - sv - adjust, sFixed = tv - vv - adjust
            let vPlausible = MoneyFields.digitDistance(vv, vFixed) <= 2 && vFixed >= 0
                && (rate.map { MoneyFields.rateHolds(sv + adjust, vFixed, $0, unit) } ?? totalConfirmed)
            let sPlausible = MoneyFields.digitDistance(sv, sFixed) <= 2 && sFixed > 0
                && (rate.map { MoneyFields.rateHolds(sFixed + adjust, vv, $0, unit) } ?? totalConfirmed)
            if vPlausible != sPlausible {
                if vPlausible {
                    notes.repair(.vatAmount, v?.token.raw ?? String(vv), MoneyFields.format(vFixed, decimals), "total − subtotal")
                    vValue = vFixed
                    vConf = 0.9
                } else {
                    notes.repair(.subtotal, s?.token.raw ?? String(sv), MoneyFields.format(sFixed, decimals), "total − VAT")
                    sValue = sFixed
                    sConf = 0.9
                }
            }
        }
        // A printed but unreadable subtotal or VAT, fixed by the two others.
        if let tv = tValue, totalConfirmed || rate != nil {
            if sValue == nil, let vv = vValue, c.labelled.contains(.subtotal), rate.map({ MoneyFields.rateHolds(tv - vv, vv, $0, unit) }) ?? true {
                sValue = tv - vv
                sConf = 0.85
                notes.repair(.subtotal, "", MoneyFields.format(tv - vv, decimals), "unreadable; total − VAT")
            } else if vValue == nil, let sv = sValue, tv > sv,
                      rate.map({ MoneyFields.rateHolds(sv, tv - sv, $0, unit) }) ?? false {
                // The VAT line itself is unreadable (or its label is), but subtotal × rate gives
                // exactly total − subtotal.
                vValue = tv - sv
                vConf = 0.85
                notes.repair(.vatAmount, "", MoneyFields.format(tv - sv, decimals), "unreadable; total − subtotal")
            }
        }

        // What the lexer had to undo in the figures that were kept.
        for (field, candidate, value) in [(InvoiceField.subtotal, s, sValue), (.vatAmount, v, vValue), (.totalAmount, t, tValue)] {
            guard let candidate, let value, value == candidate.value else { continue }
            let token = candidate.token
            var reasons: [String] = []
            if token.separatorRepaired { reasons.append("colon read as a thousands separator") }
            if token.letterRepaired { reasons.append("letters read as digits") }
            if token.spaceJoined { reasons.append("digit groups split by spaces joined") }
            if !reasons.isEmpty {
                notes.repair(field, token.raw, MoneyFields.format(value, decimals), reasons.joined(separator: "; "))
            }
        }

        // 3. Checks on the final values.
        if let sv = sValue, let tv = tValue {
            let off = -adjust
            if let vv = vValue {
                sumMatches = MoneyFields.equal(sv + vv, tv, unit) || MoneyFields.equal(sv - off + vv, tv, unit)
            } else if !c.labelled.contains(.vatAmount) {
                // A sales invoice: no VAT line, the subtotal (less any discount) is the total.
                sumMatches = MoneyFields.equal(sv, tv, unit) || MoneyFields.equal(sv - off, tv, unit)
            }
        }
        if let r = rate, let sv = sValue, let vv = vValue {
            rateMatches = MoneyFields.rateHolds(sv, vv, r, unit) || MoneyFields.rateHolds(sv + adjust, vv, r, unit)
        }
        if let w = words, let tv = tValue { wordsMatch = MoneyFields.equal(w, tv, unit) }
        if let items = c.itemsSum, let target = sValue ?? tValue { itemsMatch = MoneyFields.equal(items, target, unit) }
        if let given = c.cashGiven, let back = c.change, let tv = tValue { cashMatches = MoneyFields.equal(given - back, tv, unit) }

        // 4. Confidence from the checks.
        if sumMatches == true {
            sConf = max(sConf, rateMatches == true ? 0.99 : 0.95)
            vConf = max(vConf, rateMatches == true ? 0.99 : 0.95)
            tConf = max(tConf, 0.95)
        } else if sumMatches == false {
            sConf = min(sConf, 0.4); vConf = min(vConf, 0.4); tConf = min(tConf, wordsMatch == true ? 0.9 : 0.4)
            notes.warnings.append("subtotal + VAT does not equal total_amount")
        }
        if rateMatches == false { notes.warnings.append("VAT amount does not match subtotal × rate") }
        if wordsMatch == true { tConf = max(tConf, sumMatches == false ? 0.9 : 0.99) }
        // The item lines and the cash arithmetic vouch for a figure too, but they are read
        // from OCR'd tables, so only their agreement counts (a mismatch is no contradiction).
        if itemsMatch == true {
            if sValue != nil { sConf = max(sConf, 0.95) } else { tConf = max(tConf, 0.95) }
            if sumMatches == true { tConf = max(tConf, 0.97) }
        }
        if cashMatches == true { tConf = max(tConf, 0.96) }

        subtotal = sValue.map { Found(value: $0, confidence: sConf, line: s?.line ?? -1) }
        vatAmount = vValue.map { Found(value: $0, confidence: vConf, line: v?.line ?? -1) }
        total = tValue.map { Found(value: $0, confidence: tConf, line: t?.line ?? -1) }
        if let r = rate {
            vatRate = Found(value: r, confidence: rateMatches == true ? 0.98 : (rateMatches == false ? 0.4 : 0.8), line: rateCandidate!.line)
        } else if !vatExempt, doc.isVietnamese, let sv = sValue, let vv = vValue, sv > 0, sumMatches == true,
                  let inferred = [10.0, 8.0, 5.0].first(where: { MoneyFields.rateHolds(sv, vv, $0, unit) }), vv > 0 {
            // The rate line was lost to OCR, but the VAT is exactly a legal rate of the subtotal.
            vatRate = Found(value: inferred, confidence: 0.75, line: -1)
            notes.repair(.vatRate, "", MoneyFields.format(inferred, false), "rate line unreadable; VAT / subtotal")
        }

        if let text = c.wordsText {
            if let restored = VietnameseNumberWords.restoredText(text) {
                amountInWords = Found(value: restored, confidence: wordsMatch == true ? 0.97 : 0.5, line: c.wordsLine ?? -1)
            } else if let tv = tValue, sumMatches == true, !decimals,
                      case let spelled = VietnameseNumberWords.spell(Int64(tv.rounded()), like: text),
                      VietnameseNumberWords.agreement(spelled, text) >= 0.75 {
                // OCR broke a word or two of the line; the total is proven by subtotal + VAT,
                // and the printed words agree with it everywhere they can be read.
                amountInWords = Found(value: spelled, confidence: 0.85, line: c.wordsLine ?? -1)
                notes.repair(.amountInWords, text, spelled, "unreadable words; spelled from the verified total")
            } else {
                let cleaned = NameText.clean(text)
                if !cleaned.isEmpty { amountInWords = Found(value: cleaned, confidence: 0.4, line: c.wordsLine ?? -1) }
            }
        }

        currency = MoneyFields.currency(doc, c)
    }

    // MARK: - Choosing

    private static func bestCombination(_ c: MoneyCandidates, rate: Double?, words: Double?, unit: Double)
        -> (MoneyCandidate?, MoneyCandidate?, MoneyCandidate?) {
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
        return (best.s, best.v, best.t)
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

    /// The document's currency: written against the amounts, else named
    /// anywhere, else VND.
    private static func currency(_ doc: DocumentIndex, _ c: MoneyCandidates) -> Found<String> {
        let country = doc.isVietnamese ? nil : CurrencyDetector.countryCurrency(doc.lines.flatMap { line in line.tokens.map { line.wordString($0) } })
        if let (code, count) = c.currencyVotes.max(by: { $0.value < $1.value }) {
            // "$" is the dollar of wherever the shop is: "S$" read as "$$" in Singapore.
            // The shop's own address is at the top; a buyer's address further down says nothing.
            let letterhead = doc.lines.prefix(8).flatMap { line in line.tokens.map { line.wordString($0) } }
            // Only on a till receipt: a trader's invoice in "$" is as often in US dollars.
            let tillReceipt = c.cashGiven != nil || c.change != nil
            if code == "USD", tillReceipt, let local = CurrencyDetector.countryCurrency(letterhead), ["SGD", "AUD", "HKD"].contains(local),
               !DateField.isAmerican(doc) {
                return Found(value: local, confidence: 0.85, line: -1)
            }
            // One symbol in the OCR debris of a card number ("VISA *®°£*9846") does not make a
            // Vietnamese bill in whole đồng foreign.
            let cents = (c.subtotals + c.vats + c.totals).contains { $0.token.decimals == 2 }
            if doc.isVietnamese, count == 1, !cents, code != "VND" { return Found(value: "VND", confidence: 0.8, line: -1) }
            return Found(value: code, confidence: 0.95, line: -1)
        }
        var votes: [String: Int] = [:]
        for line in doc.lines {
            for token in line.tokens where token.isAlpha && (2...3).contains(token.count) {
                let word = line.wordString(token)
                // "(RM)" in a column head names the ringgit; a bare two-letter word elsewhere is not enough.
                if let code = CurrencyDetector.isoCode(word)
                    ?? (token.count == 2 && line.original(token.range).allSatisfy(\.isUppercase) ? CurrencyDetector.localAbbreviation(word) : nil) {
                    votes[code, default: 0] += 1
                }
            }
            // A symbol away from any amount is OCR debris as often as a currency on a Vietnamese bill.
            if !doc.isVietnamese {
                for scalar in line.scalars { if let code = CurrencyDetector.symbolCurrency(scalar) { votes[code, default: 0] += 1 } }
            }
        }
        if let (code, count) = votes.max(by: { $0.value < $1.value }), !doc.isVietnamese || code == "VND" || count >= 2 {
            return Found(value: code, confidence: 0.9, line: -1)
        }
        if let country { return Found(value: country, confidence: 0.8, line: -1) }
        if !doc.isVietnamese, DateField.isAmerican(doc) { return Found(value: "USD", confidence: 0.8, line: -1) }
        return Found(value: "VND", confidence: doc.isVietnamese ? 0.9 : 0.5, line: -1)
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
