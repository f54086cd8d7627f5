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
        let monthFirst = !doc.isVietnamese
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
                score -= Double(line.index) * 0.001
                candidates.append((date.iso, score, labelled, date.spelledVietnamese, date.repaired ? line.original(date.range) : nil))
            }
        }
        guard let best = candidates.max(by: { $0.score < $1.score }), best.score > 0 else { return }
        var confidence = best.labelled ? 0.95 : (best.spelled ? 0.93 : 0.85)
        // A different date almost as plausible makes the choice shaky.
        if candidates.contains(where: { $0.iso != best.iso && $0.score > best.score - 0.9 }) { confidence -= 0.2 }
        date = Found(value: best.iso, confidence: confidence, line: -1)
        if let printed = best.printed { notes.repair("invoice_date", printed, best.iso, "letters read as digits") }
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
