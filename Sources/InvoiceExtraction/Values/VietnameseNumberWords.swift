/// Reads a Vietnamese amount written in words ("Một triệu không trăm tám mươi
/// nghìn đồng chẵn") back into a number.
///
/// The words line restates the total independently of the digits, so a strict
/// parser is worth more than a lenient one: a sequence that no speaker would say
/// ("hai ba trăm") is reported as `nil` rather than guessed, because the caller
/// uses the result to overrule OCR-damaged digits.
enum VietnameseNumberWords {
    private enum Word {
        case digit(Int)
        case ten          // mười / mươi: the fold makes them one word; position tells them apart
        case zeroTens     // linh / lẻ: "một trăm linh năm" = 105
        case hundred
        case scale(Int64)
        case end          // đồng, chẵn, VND: the number is over
        case filler       // words that may sit inside the phrase without meaning
    }

    private static let lexicon: [String: Word] = [
        "khong": .digit(0), "mot": .digit(1), "hai": .digit(2), "ba": .digit(3),
        "bon": .digit(4), "tu": .digit(4), "nam": .digit(5), "lam": .digit(5),
        "nham": .digit(5), "sau": .digit(6), "bay": .digit(7), "tam": .digit(8),
        "chin": .digit(9), "muoi": .ten, "linh": .zeroTens, "le": .zeroTens,
        "tram": .hundred, "nghin": .scale(1_000), "ngan": .scale(1_000),
        "trieu": .scale(1_000_000), "ty": .scale(1_000_000_000), "ti": .scale(1_000_000_000),
        "dong": .end, "vnd": .end, "chan": .end, "d": .end, "viet": .end,
        "va": .filler,
    ]

    /// Parses the number in `text`: leading words that are not number words
    /// (a label such as "Bằng chữ") are skipped, and the number ends at "đồng",
    /// "chẵn", "VND" or the end of the text. Returns `nil` when there is no
    /// number or when the words do not form one.
    static func parse(_ text: String) -> Int64? {
        parse(words: foldedWords(text))
    }

    /// Same as `parse(_:)` on already folded, lower-case ASCII words.
    static func parse(words: [String]) -> Int64? {
        var started = false
        var parser = Parser()
        for raw in words {
            guard let word = lookup(raw) else {
                // An unknown word before the number is label text; inside the
                // number it is OCR damage that makes the reading unreliable,
                // except a lone letter, which is a speck read as text.
                if started && raw.count > 1 { return nil }
                continue
            }
            switch word {
            case .end:
                if started { return parser.finish() }
            case .filler:
                continue
            case .zeroTens where !started:
                // "lẻ" before any number is not a number word.
                continue
            default:
                started = true
                guard parser.feed(word) else { return nil }
            }
        }
        return started ? parser.finish() : nil
    }

    /// Whether a folded word belongs to the number vocabulary (used to decide
    /// whether the next line continues an amount in words).
    static func isNumberWord(_ folded: String) -> Bool {
        guard let word = lexicon[folded] else { return false }
        if case .filler = word { return false }
        return true
    }

    private static func lookup(_ raw: String) -> Word? {
        normalizedWord(raw).flatMap { lexicon[$0] }
    }

    /// The lexicon spelling of a folded word, undoing the OCR slips seen in
    /// small print: "m" read as "rn" or "ni" ("rnột", "niươi"), or one letter
    /// lost or changed in a longer word ("nghn").
    static func normalizedWord(_ raw: String) -> String? {
        if lexicon[raw] != nil { return raw }
        for (wrong, right) in [("rn", "m"), ("ni", "m"), ("in", "m")] {
            let fixed = replacing(wrong, with: right, in: raw)
            if fixed != raw, lexicon[fixed] != nil { return fixed }
        }
        guard raw.count >= 4 else { return nil }
        let matches = lexicon.keys.filter { $0.count >= 4 && withinOneEdit($0, raw) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Replaces every occurrence of a two-letter ASCII pattern.
    private static func replacing(_ pattern: String, with replacement: String, in text: String) -> String {
        let p = Array(pattern.utf8), bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + p.count <= bytes.count, Array(bytes[i..<(i + p.count)]) == p {
                out += Array(replacement.utf8)
                i += p.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if x.count < y.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }

    private struct Parser {
        var parts: [(value: Int64, scale: Int64)] = []
        var pending: Int?
        var hundreds: Int?
        var tens: Int?
        var groupSeen = false

        /// Consumes one number word; `false` when the sequence is not a number.
        mutating func feed(_ word: Word) -> Bool {
            switch word {
            case .digit(let d):
                if pending != nil { return false }
                pending = d
                groupSeen = true
            case .ten:
                if tens != nil { return false }
                if pending == 0 { return false }
                tens = pending ?? 1
                pending = nil
                groupSeen = true
            case .zeroTens:
                if tens != nil || pending != nil { return false }
                tens = 0
                groupSeen = true
            case .hundred:
                if hundreds != nil || tens != nil { return false }
                hundreds = pending ?? 1
                pending = nil
                groupSeen = true
            case .scale(let scale):
                guard let group = closeGroup() else { return false }
                var value = group
                var merged = false
                while let last = parts.last, last.scale < scale {
                    guard let sum = Parser.multiplyAdd(last.value, last.scale, value) else { return false }
                    value = sum
                    parts.removeLast()
                    merged = true
                }
                // "nghìn triệu tỷ" and the like would overflow: no invoice says that.
                guard Parser.multiplyAdd(value, scale, 0) != nil else { return false }
                if let last = parts.last, last.scale == scale { return false }
                if !merged && !groupSeenBeforeClose { return false }
                parts.append((value, scale))
            case .end, .filler:
                break
            }
            return true
        }

        private var groupSeenBeforeClose = false

        /// Value below one thousand built since the last scale word.
        private mutating func closeGroup() -> Int64? {
            groupSeenBeforeClose = groupSeen
            defer { pending = nil; hundreds = nil; tens = nil; groupSeen = false }
            if tens == 0 && pending == nil { return nil }   // "linh" with no unit
            let units = pending ?? 0
            return Int64((hundreds ?? 0) * 100 + (tens ?? 0) * 10 + units)
        }

        mutating func finish() -> Int64? {
            guard var total = closeGroup() else { return nil }
            for part in parts {
                guard let sum = Parser.multiplyAdd(part.value, part.scale, total) else { return nil }
                total = sum
            }
            return total
        }

        /// a × b + c, or nil on overflow.
        static func multiplyAdd(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64? {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            guard !overflow else { return nil }
            let (sum, overflow2) = product.addingReportingOverflow(c)
            return overflow2 ? nil : sum
        }
    }

    /// Lower-case ASCII words of a text, diacritics removed.
    static func foldedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard let byte = FoldTable.fold(scalar) else { continue }
            if byte.isAlphanumericASCII {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
