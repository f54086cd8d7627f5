/// The document's lines with their labels, and the questions field finders ask
/// about them: which labels of a kind exist, where the value of a label is,
/// which line comes next.
struct DocumentIndex: Sendable {
    let text: DocumentText
    /// Labels per line, left to right.
    let hits: [[LabelHit]]
    /// The document reads as Vietnamese (else English or another European language).
    let isVietnamese: Bool

    init(_ text: DocumentText) {
        self.text = text
        self.hits = text.lines.map(LabelMatcher.hits(in:))
        // Vietnamese labels, not Vietnamese words: an English invoice to a
        // Vietnamese buyer prints a Vietnamese address, but no "Mã số thuế".
        var kinds: Set<String> = []
        for line in text.lines {
            for (t, word) in line.words.enumerated() where t + 1 < line.words.count && DocumentIndex.pairStarts.contains(word) {
                let pair = word + " " + line.words[t + 1]
                if DocumentIndex.vietnameseLabelPairs.contains(pair) { kinds.insert(pair) }
            }
        }
        // Or letters only Vietnamese writes (ơ, ư, ă, đ, and the hook and dot-below tones)
        // making up more than an address's share of the text.
        var letters = 0, vietnamese = 0
        for line in text.lines {
            for scalar in line.scalars where scalar.isLetter {
                letters += 1
                if DocumentIndex.isVietnameseLetter(scalar) { vietnamese += 1 }
            }
        }
        self.isVietnamese = kinds.count >= 3 || (letters > 0 && vietnamese * 100 >= letters * 6)
    }

    private static func isVietnameseLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0102, 0x0103, 0x0110, 0x0111, 0x01A0, 0x01A1, 0x01AF, 0x01B0: return true   // Ă ă Đ đ Ơ ơ Ư ư
        case 0x1EA0...0x1EF9: return true                                                   // Latin Extended Additional (Vietnamese tones)
        default: return false
        }
    }

    private static let pairStarts: Set<String> = Set(vietnameseLabelPairs.map { String($0.split(separator: " ")[0]) })

    private static let vietnameseLabelPairs: Set<String> = [
        "hoa don", "ma so", "so thue", "thanh tien", "tong cong", "nguoi mua", "nguoi ban", "don vi", "dia chi",
        "dien thoai", "tien hang", "bang chu", "khach hang", "don gia", "so luong", "ky hieu", "mau so",
        "thanh toan", "tien thue", "thue suat", "tong tien", "ngay ky", "ky ngay",
    ]

    var lines: [TextLine] { text.lines }

    /// The label after `hit` on the same line, if any.
    func nextHit(after hit: LabelHit, where accept: (LabelHit) -> Bool = { _ in true }) -> LabelHit? {
        hits[hit.line].first { $0.range.lowerBound >= hit.range.upperBound && accept($0) }
    }

    /// The value of a label on its own line: from its value start to the next
    /// label that `stops` accepts (every label by default).
    func valueRange(of hit: LabelHit, stops: (LabelHit) -> Bool = { _ in true }) -> Range<Int> {
        let line = lines[hit.line]
        let end = nextHit(after: hit, where: stops)?.range.lowerBound ?? line.folded.count
        let start = min(hit.valueStart, end)
        return trimmed(line, start..<end)
    }

    /// Removes spaces and punctuation at both ends of a range.
    func trimmed(_ line: TextLine, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        func junk(_ b: UInt8) -> Bool {
            !(b.isAlphanumericASCII || b == UInt8(ascii: "$") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")")
                || b == UInt8(ascii: "~") || b == UInt8(ascii: "&"))
        }
        while lower < upper, junk(line.folded[lower]) { lower += 1 }
        while upper > lower, junk(line.folded[upper - 1]) || line.folded[upper - 1] == UInt8(ascii: "(") { upper -= 1 }
        return lower..<upper
    }

    /// The first line index, if any, holding a label of the given kinds.
    func firstLine(of kinds: Set<LabelKind>) -> Int? {
        for (i, lineHits) in hits.enumerated() where lineHits.contains(where: { kinds.contains($0.kind) }) { return i }
        return nil
    }
}
