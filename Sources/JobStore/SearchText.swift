import Foundation

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

    /// An excerpt of `text` around the first place a query word matches, the matches wrapped
    /// in `<mark>`…`</mark>`; nil when no word matches.
    public static func snippet(_ text: String, query: String, radius: Int = 60) -> String? {
        let words = fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return nil }
        // Fold character by character so positions in the folded text map back to the original.
        // Each distinct character is folded once: Foundation's folding creates a locale per
        // call, and calling it for each of a page's 2,000 characters took ~5 ms per hit.
        let characters = Array(text)
        var folded = ""
        var origin: [Int] = []
        var foldedCharacters: [Character: String] = [:]
        for (index, character) in characters.enumerated() {
            let foldedCharacter: String
            if let known = foldedCharacters[character] {
                foldedCharacter = known
            } else {
                foldedCharacter = fold(String(character))
                foldedCharacters[character] = foldedCharacter
            }
            for scalar in foldedCharacter.unicodeScalars {
                folded.unicodeScalars.append(scalar)
                origin.append(index)
            }
        }
        let foldedScalars = Array(folded.unicodeScalars)
        var matches: [Range<Int>] = []
        for word in words {
            let needle = Array(word.unicodeScalars)
            guard needle.count <= foldedScalars.count else { continue }
            var i = 0
            while i + needle.count <= foldedScalars.count {
                if Array(foldedScalars[i..<(i + needle.count)]) == needle {
                    matches.append(origin[i]..<(origin[i + needle.count - 1] + 1))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        guard let first = matches.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        let start = max(0, first.lowerBound - radius)
        let end = min(characters.count, first.upperBound + radius)
        var out = start > 0 ? "…" : ""
        var index = start
        for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) where match.lowerBound >= index && match.upperBound <= end {
            out += String(characters[index..<match.lowerBound]) + "<mark>" + String(characters[match]) + "</mark>"
            index = match.upperBound
        }
        out += String(characters[index..<end]) + (end < characters.count ? "…" : "")
        return out.replacingOccurrences(of: "\n", with: " ")
    }
}
