/// One recognised word with where it sits, in the page's pixels.
public struct RecognisedWord: Sendable, Equatable {
    public var text: String
    public var left: Int
    public var right: Int
    /// Height of the word's box (top to bottom).
    public var height: Int
    /// Where the word's baseline is at its middle.
    public var baseline: Double
    /// The baseline's slope (dy/dx), as Tesseract fitted it.
    public var slope: Double

    public init(text: String, left: Int, right: Int, height: Int, baseline: Double, slope: Double) {
        self.text = text
        self.left = left
        self.right = right
        self.height = height
        self.baseline = baseline
        self.slope = slope
    }
}

/// Text rebuilt from word boxes: words whose baselines line up make one line, however far
/// apart they are. Tesseract's layout analysis may put a receipt's amounts, printed far to
/// the right of their labels, in a column of their own, so that "TỔNG TIỀN PHẢI T.TOÁN:"
/// and its "99.000" come out lines apart; here they share a line again.
enum BaselineLines {
    /// The words as lines, top to bottom, each left to right; nil without words.
    static func text(of words: [RecognisedWord]) -> String? {
        let words = words.filter { !$0.text.allSatisfy(\.isWhitespace) }
        guard !words.isEmpty else { return nil }
        // What is left of the page's skew: the median of the words' baselines' slopes (wide
        // words fit theirs best), so that a line's far end is not taken for the next line.
        let wide = words.filter { $0.right - $0.left >= 2 * $0.height }.map(\.slope).sorted()
        let slope = wide.isEmpty ? 0 : wide[wide.count / 2]
        let heights = words.map(\.height).sorted()
        let tolerance = max(2, Double(heights[heights.count / 2]) * 0.5)
        func level(_ word: RecognisedWord) -> Double {
            word.baseline - slope * Double(word.left + word.right) / 2
        }
        var lines: [(level: Double, words: [RecognisedWord])] = []
        for word in words.sorted(by: { level($0) < level($1) }) {
            let y = level(word)
            if let last = lines.indices.last, y - lines[last].level <= tolerance {
                let count = Double(lines[last].words.count)
                lines[last].level = (lines[last].level * count + y) / (count + 1)
                lines[last].words.append(word)
            } else {
                lines.append((y, [word]))
            }
        }
        return lines.map { line in
            line.words.sorted { $0.left < $1.left }.map(\.text).joined(separator: " ")
        }.joined(separator: "\n")
    }
}
