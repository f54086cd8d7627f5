/// The issue date, chosen among all dates printed on the document.
///
/// Invoices print several dates: the issue date, a signing date ("Ký ngày"),
/// a billing period ("Từ ngày … đến ngày …"), a due date ("Hạn thanh toán").
/// Each date is scored by the label in front of it: an issue-date label or
/// the "Ngày … tháng … năm …" form raise it, a period, due-date or signature
/// label (or "từ", "đến", "trước" just before it) sinks it; the earliest of
/// equals wins.
struct DateField: Sendable {
    var date: Found<String>?

    private static let negativeKinds: Set<LabelKind> = [.otherDate, .period, .signature, .lookupCode, .paymentMethod]
    private static let negativeWords: Set<String> = ["tu", "den", "truoc", "sau", "from", "to", "until", "till", "through", "ky", "han", "due", "den han"]

    init(_ doc: DocumentIndex, _ locator: ValueLocator, notes: inout ExtractionNotes) {
        let monthFirst = DateField.readsMonthFirst(doc)
        let moneyStart = doc.firstLine(of: [.subtotal, .vatAmount, .total, .words]) ?? doc.lines.count
        // Dates that are the value of an issue-date label on the next line.
        var labelledBelow: Set<Int> = []
        for (id, hit) in doc.allHits where hit.kind == .issueDate {
            for span in locator.value(of: id) where span.line != hit.line { labelledBelow.insert(span.line) }
        }
        var candidates: [(iso: String, score: Double, labelled: Bool, spelled: Bool, printed: String?)] = []
        for line in doc.lines {
            for date in DateParser.dates(in: line, monthFirst: monthFirst) {
                var score = 1.0
                let before = doc.hits[line.index].last { $0.range.upperBound <= date.range.lowerBound }
                let labelled = before?.kind == .issueDate || labelledBelow.contains(line.index)
                if labelled { score += 2 }
                if date.spelledVietnamese { score += 0.8 }
                if let before, DateField.negativeKinds.contains(before.kind) { score -= 3 }
                if DateField.precededByNegativeWord(line, date.range.lowerBound) { score -= 3 }
                if !labelled && !date.spelledVietnamese && line.index > moneyStart { score -= 0.5 }
                if date.repaired { score -= 0.1 }
                // A receipt prints the moment of sale, date and time together, beside its number.
                if date.withTime { score += 0.5 }
                if doc.hits[line.index].contains(where: { $0.kind == .number }) { score += 0.3 }
                score -= Double(line.index) * 0.001
                candidates.append((date.iso, score, labelled, date.spelledVietnamese, date.repaired ? line.original(date.range) : nil))
            }
        }
        guard let best = candidates.max(by: { $0.score < $1.score }), best.score > 0 else { return }
        var confidence = best.labelled ? 0.95 : (best.spelled ? 0.93 : 0.85)
        // A different date almost as plausible makes the choice shaky.
        if candidates.contains(where: { $0.iso != best.iso && $0.score > best.score - 0.9 }) { confidence -= 0.2 }
        date = Found(value: best.iso, confidence: confidence, line: -1)
        if let printed = best.printed { notes.repair(.invoiceDate, printed, best.iso, "letters read as digits") }
    }

    /// Whether `a/b/yyyy` means month/day here. Most of the world writes the day first
    /// ("04/12/2017" on a Malaysian or British receipt is 4 December); the month comes
    /// first only on an American document, or when a date on the page can only be read
    /// that way ("04/16/2017"). A date that can only be day-first settles it the other way.
    static func readsMonthFirst(_ doc: DocumentIndex) -> Bool {
        if doc.isVietnamese { return false }
        var dayFirst = 0, monthFirst = 0
        for line in doc.lines {
            for date in DateParser.dates(in: line, monthFirst: false) {
                switch date.provenOrder {
                case .dayFirst: dayFirst += 1
                case .monthFirst: monthFirst += 1
                case nil: break
                }
            }
        }
        if dayFirst != monthFirst { return monthFirst > dayFirst }
        return isAmerican(doc)
    }

    private static let states: Set<String> = [
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me",
        "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa",
        "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc",
    ]

    /// An American document: an address with a state and a ZIP code ("CA 94103"),
    /// or the country named.
    static func isAmerican(_ doc: DocumentIndex) -> Bool {
        for line in doc.lines {
            let words = line.tokens.map { line.wordString($0) }
            for (i, word) in words.enumerated() {
                if word == "usa" || (word == "united" && i + 1 < words.count && words[i + 1] == "states") { return true }
                guard states.contains(word), i + 1 < words.count, line.tokens[i].isAlpha,
                      line.original(line.tokens[i].range).allSatisfy(\.isUppercase) else { continue }
                let zip = words[i + 1]
                if zip.count == 5, zip.allSatisfy(\.isNumber) { return true }
            }
        }
        return false
    }

    /// "từ 16/12/2025", "đến ngày 14/01/2026", "trước ngày 20/05/2026".
    private static func precededByNegativeWord(_ line: TextLine, _ offset: Int) -> Bool {
        let before = line.tokens.prefix { $0.range.upperBound <= offset }.suffix(2)
        var words = before.map { line.wordString($0) }
        if words.last == "ngay" || words.last == "date" { words.removeLast() } else if words.count == 2 { words.removeFirst() }
        guard let word = words.last else { return false }
        return negativeWords.contains(word)
    }
}
