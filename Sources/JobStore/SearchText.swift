import Foundation
import Synchronization

/// The folding search uses on both sides: lower case, no diacritics, `đ` as `d`.
/// SQLite's `remove_diacritics` leaves `đ` alone (it is a letter, not a d with a mark), so
/// "dien luc" would not find "ĐIỆN LỰC" without this.
public enum SearchText {
    /// `text` folded for indexing or querying.
    public static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The FTS5 query for what a user typed: every word required, each a whole word except
    /// the last, which is a prefix as the user may still be typing it (from two characters:
    /// one letter would stand for most of the vocabulary). Quoting makes FTS5 operators and
    /// punctuation in user input harmless. Whole words keep the query to one index list per
    /// word; each prefix merges the lists of every word it begins, which on a store of a
    /// million invoices cost ~100 ms (docs/BENCHMARKS.md, "Searching").
    public static func ftsQuery(_ input: String) -> String? {
        let words = fold(input).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(16)
        guard let last = words.last else { return nil }
        let whole = words.dropLast().map { "\"\($0)\"" }
        return (whole + ["\"\(last)\"" + (last.count >= 2 ? "*" : "")]).joined(separator: " ")
    }

    /// The words of `text` as search indexes them: folded, split at everything that is not a
    /// letter or a digit (as FTS5's tokenizer splits); the same words as
    /// `fold(text).split { !$0.isLetter && !$0.isNumber }`, scalar by scalar. ASCII is folded
    /// by hand and every other scalar through Foundation once per text: folding whole pages
    /// through Foundation was most of `store copy`'s time (a million invoices to index).
    public static func words(_ text: String) -> [Substring] {
        var folded = String.UnicodeScalarView()
        var known: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 65...90: folded.append(Unicode.Scalar(value + 32)!)
            case 97...122, 48...57: folded.append(scalar)
            case 0..<128: folded.append(" ")
            // A combining accent (decomposed text) goes with its letter, as folding drops it.
            case _ where scalar.properties.generalCategory == .nonspacingMark: continue
            default:
                let parts = known[scalar] ?? {
                    let parts = wordScalars(of: scalar)
                    known[scalar] = parts
                    return parts
                }()
                folded.append(contentsOf: parts)
            }
        }
        return String(folded).split(separator: " ")
    }

    /// Scalars folded before, by every caller: Foundation's folding makes a locale per call.
    /// Vietnamese uses a few hundred; a text of rarer scalars fills at most `foldedLimit`.
    private static let foldedScalars = Mutex<[Unicode.Scalar: [Unicode.Scalar]]>([:])
    private static let foldedLimit = 20_000

    /// `scalar` folded, with a space for whatever is neither a letter nor a digit.
    private static func wordScalars(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let parts = foldedScalars.withLock({ $0[scalar] }) { return parts }
        let parts = fold(String(scalar)).unicodeScalars.map { part in
            part.properties.isAlphabetic || part.properties.numericType != nil ? part : " "
        }
        foldedScalars.withLock { known in
            if known.count < foldedLimit { known[scalar] = parts }
        }
        return parts
    }

    /// PostgreSQL's `to_tsquery('simple', …)` text for what a user typed, with the meaning of
    /// `ftsQuery`: every word required, the last a prefix from two characters. The words hold
    /// only letters and digits, so quoting each makes nothing in them an operator.
    public static func tsQuery(_ input: String) -> String? {
        let words = words(input).prefix(16)
        guard let last = words.last else { return nil }
        let whole = words.dropLast().map { "'\($0)'" }
        return (whole + ["'\(last)'" + (last.count >= 2 ? ":*" : "")]).joined(separator: " & ")
    }

    /// An excerpt of `text` around the first place a query word matches, as HTML: the text
    /// escaped (OCR text and file names are anyone's; a page showing the snippet must not run
    /// an `<img onerror=…>` in them), then the matches wrapped in `<mark>`…`</mark>`; nil when
    /// no word matches.
    public static func snippet(_ text: String, query: String, radius: Int = 60) -> String? {
        let words = fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { Array($0.unicodeScalars) }
        guard !words.isEmpty else { return nil }
        let scalars = FoldedScalars(text)
        let matches = scalars.matches(of: words)
        guard let first = matches.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        let excerpt = scalars.excerpt(around: first, radius: radius)
        var out = excerpt.lowerBound > 0 ? "…" : ""
        var index = excerpt.lowerBound
        for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) where match.lowerBound >= index && match.upperBound <= excerpt.upperBound {
            out += scalars.html(index..<match.lowerBound) + "<mark>" + scalars.html(match) + "</mark>"
            index = match.upperBound
        }
        out += scalars.html(index..<excerpt.upperBound) + (excerpt.upperBound < scalars.original.count ? "…" : "")
        return out.replacingOccurrences(of: "\n", with: " ")
    }
}

/// A text's scalars and their folding, scalar by scalar, so that a match found in the folded
/// text maps back to a range of the original, which the snippet shows.
private struct FoldedScalars {
    /// The text as it was.
    let original: [Unicode.Scalar]
    /// `SearchText.fold` of it, without combining marks.
    let folded: [Unicode.Scalar]
    /// For each folded scalar, the index of the original scalar it came from.
    let origin: [Int]

    /// ASCII folds by lower-casing; every other scalar through Foundation once per distinct
    /// scalar (it creates a locale per call: folding each of a page's 2,000 characters took
    /// ~5 ms per hit). A combining mark (decomposed text) is dropped from the folded text and
    /// stays with its letter in the excerpt.
    init(_ text: String) {
        let original = Array(text.unicodeScalars)
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(original.count)
        origin.reserveCapacity(original.count)
        var known: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (index, scalar) in original.enumerated() {
            if scalar.isASCII {
                folded.append((65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar)
                origin.append(index)
                continue
            }
            if Self.isMark(original, index) { continue }
            let foldedScalar = known[scalar] ?? {
                let value = Array(SearchText.fold(String(scalar)).unicodeScalars)
                known[scalar] = value
                return value
            }()
            for part in foldedScalar {
                folded.append(part)
                origin.append(index)
            }
        }
        self.original = original
        self.folded = folded
        self.origin = origin
    }

    /// Whether the scalar at `index` is a combining accent (decomposed text), which belongs
    /// to the letter before it.
    private static func isMark(_ original: [Unicode.Scalar], _ index: Int) -> Bool {
        index < original.count && original[index].properties.generalCategory == .nonspacingMark
    }

    private func isMark(_ index: Int) -> Bool { Self.isMark(original, index) }

    /// Every place a folded word occurs, as a range of the original that takes in the marks
    /// after its last letter; occurrences of one word do not overlap.
    func matches(of words: [[Unicode.Scalar]]) -> [Range<Int>] {
        var matches: [Range<Int>] = []
        for needle in words where needle.count <= folded.count {
            var i = 0
            while i + needle.count <= folded.count {
                if folded[i] == needle[0] && folded[i..<(i + needle.count)].elementsEqual(needle) {
                    var end = origin[i + needle.count - 1] + 1
                    while isMark(end) { end += 1 }
                    matches.append(origin[i]..<end)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        return matches
    }

    /// `radius` scalars either side of `match`, widened so that no letter is cut from its marks.
    func excerpt(around match: Range<Int>, radius: Int) -> Range<Int> {
        var start = max(0, match.lowerBound - radius)
        while start > 0 && isMark(start) { start -= 1 }
        var end = min(original.count, match.upperBound + radius)
        while isMark(end) { end += 1 }
        return start..<end
    }

    /// The original scalars in `range`, escaped for HTML.
    func html(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for scalar in original[range] {
            switch scalar {
            case "&": view.append(contentsOf: "&amp;".unicodeScalars)
            case "<": view.append(contentsOf: "&lt;".unicodeScalars)
            case ">": view.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": view.append(contentsOf: "&quot;".unicodeScalars)
            case "'": view.append(contentsOf: "&#39;".unicodeScalars)
            default: view.append(scalar)
            }
        }
        return String(view)
    }
}
