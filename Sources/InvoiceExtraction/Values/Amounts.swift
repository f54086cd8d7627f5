/// Reading money amounts out of OCR text.
///
/// A printed amount reaches us as `1.080.000`, `1,080,000`, `1 080 000`,
/// `1.080.000đ`, `$1,234.56` or `1.234,56`, and after OCR as `1.O80.000`,
/// `23l.600` or `231:600`. The lexer accepts all of these, reports which
/// repairs it made, and refuses what cannot be a grouped number, so that the
/// cross-checks in `MoneyFields` decide between readings instead of the lexer.

/// One number found in a line.
struct AmountToken: Sendable, Equatable {
    /// The value; for an irregularly grouped run ("1.0800.000") the digits read
    /// as one integer, with `wellFormed == false`.
    var value: Double
    /// Folded byte range in the line.
    var range: Range<Int>
    /// The text as printed (for repair notes).
    var raw: String
    /// Digits after a decimal separator (0 for whole amounts).
    var decimals: Int
    /// A letter was read as a digit (`O` → 0, `l` → 1).
    var letterRepaired: Bool
    /// A colon or semicolon stood where a thousands separator belongs (`231:600`).
    var separatorRepaired: Bool
    /// Digit groups separated by single spaces were joined (`1 080 000`).
    var spaceJoined: Bool
    /// Thousands groups are regular (1–3 digits, then groups of exactly 3).
    var wellFormed: Bool
    /// The run starts with a zero and has more digits ("080"): a code, not money.
    var leadingZero: Bool
    /// Followed by a percent sign.
    var isPercent: Bool
    /// Currency written against the number ("đ", "VND", "$", "€", "USD").
    var currency: String?
    /// Count of digits (for telling amounts from years or codes).
    var digitCount: Int

    /// Whether any OCR damage was undone while reading it.
    var repaired: Bool { letterRepaired || separatorRepaired }
    /// Eleven digits or more in one run, no separator: a barcode (EAN-13), a phone or
    /// an account number, never an amount as receipts print them.
    var isCodeLike: Bool {
        decimals == 0 && digitCount >= 11 && raw.allSatisfy { $0.isNumber }
    }
}

enum AmountLexer {
    /// A number as it appears between spaces, before interpretation.
    private struct Run {
        var groups: [[UInt8]]
        var separators: [UInt8]
        var range: Range<Int>
        var letterRepaired: Bool
        var spaceJoined = false

        var isPlainGroup: Bool { separators.isEmpty }
    }

    /// Numbers in a folded byte range of a line, left to right.
    ///
    /// - Parameter joinSpaces: read `1 080 000` or `1.080 000` as one number.
    ///   Table columns are also separated by single spaces after OCR, so callers
    ///   that read tables ask for both readings.
    static func tokens(in line: TextLine, range: Range<Int>? = nil, joinSpaces: Bool = true) -> [AmountToken] {
        let bounds = range ?? 0..<line.folded.count
        var runs = scanRuns(line.folded, bounds: bounds)
        if joinSpaces { runs = joinAcrossSpaces(runs, bytes: line.folded) }
        return runs.map { interpret(line, $0) }
    }

    private static func scanRuns(_ bytes: [UInt8], bounds: Range<Int>) -> [Run] {
        var result: [Run] = []
        var i = bounds.lowerBound
        while i < bounds.upperBound {
            let c = bytes[i]
            let startsHere: Bool
            if i > bounds.lowerBound, bytes[i - 1].isLetterASCII {
                // Digits glued to letters ("1C26TTU", "kWh12") are codes, unless the
                // letters are a currency ("VND1.000", "USD4.11").
                startsHere = c.isDigitASCII && isCurrencyWord(endingAt: i, bytes, lower: bounds.lowerBound)
            } else {
                // A look-alike letter starts a number when a digit follows, directly or
                // after a separator ("O4", "l.005.000").
                startsHere = c.isDigitASCII
                    || (confusable(c) != nil && i + 1 < bounds.upperBound && (bytes[i + 1].isDigitASCII
                        || (isSeparator(bytes[i + 1]) && i + 2 < bounds.upperBound && bytes[i + 2].isDigitASCII)))
            }
            if startsHere, let run = readRun(bytes, from: i, end: bounds.upperBound) {
                result.append(run)
                i = run.range.upperBound
                continue
            }
            if c.isLetterASCII {
                // Skip the word's letters; digits glued after them are judged on their own
                // ("USD4.11" is money, "kWh12" is not).
                while i < bounds.upperBound, bytes[i].isLetterASCII { i += 1 }
            } else if c.isDigitASCII {
                while i < bounds.upperBound, bytes[i].isAlphanumericASCII { i += 1 }
            } else {
                i += 1
            }
        }
        return result
    }

    private static func isCurrencyWord(endingAt i: Int, _ bytes: [UInt8], lower: Int) -> Bool {
        var k = i
        while k > lower, bytes[k - 1].isLetterASCII { k -= 1 }
        let word = String(decoding: bytes[k..<i], as: UTF8.self)
        return CurrencyDetector.isoCode(word) != nil || CurrencyDetector.localAbbreviation(word) != nil
    }

    private static func confusable(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "o"), UInt8(ascii: "q"): return UInt8(ascii: "0")
        case UInt8(ascii: "l"), UInt8(ascii: "i"), UInt8(ascii: "|"), UInt8(ascii: "!"): return UInt8(ascii: "1")
        default: return nil
        }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "'")
    }

    private static func readRun(_ bytes: [UInt8], from start: Int, end: Int) -> Run? {
        func at(_ k: Int) -> UInt8? { k < end ? bytes[k] : nil }
        func digitish(_ k: Int) -> Bool {
            guard let b = at(k) else { return false }
            if b.isDigitASCII { return true }
            // A confusable counts only when a digit follows it: "1.O80" yes, "1.Of" no.
            return confusable(b) != nil && (at(k + 1)?.isDigitASCII ?? false)
        }
        var groups: [[UInt8]] = []
        var separators: [UInt8] = []
        var current: [UInt8] = []
        var letterRepaired = false
        var j = start
        while j < end {
            let c = bytes[j]
            if c.isDigitASCII {
                current.append(c)
                j += 1
            } else if let digit = confusable(c), acceptConfusable(at: j, current: current, bytes: bytes, end: end) {
                current.append(digit)
                letterRepaired = true
                j += 1
            } else if isSeparator(c), !current.isEmpty, digitish(j + 1) {
                groups.append(current)
                separators.append(c)
                current = []
                j += 1
            } else {
                break
            }
        }
        guard !current.isEmpty else { return nil }
        groups.append(current)
        // A digit-letter hybrid such as "2026abc" is a code, unless the letters
        // are a currency glued to the amount ("1.080.000đ", "4.11USD").
        if let next = at(j), next.isLetterASCII, !isCurrencySuffix(bytes, j, end) { return nil }
        return Run(groups: groups, separators: separators, range: start..<j, letterRepaired: letterRepaired)
    }

    private static func isCurrencySuffix(_ bytes: [UInt8], _ j: Int, _ end: Int) -> Bool {
        var k = j
        while k < end, bytes[k].isLetterASCII { k += 1 }
        let word = String(decoding: bytes[j..<k], as: UTF8.self)
        return ["d", "dong", "vnd", "k"].contains(word) || CurrencyDetector.isoCode(word) != nil
    }

    private static func acceptConfusable(at j: Int, current: [UInt8], bytes: [UInt8], end: Int) -> Bool {
        let next = j + 1 < end ? bytes[j + 1] : nil
        if current.isEmpty {
            // Starting a number or a group: a digit must follow, or a separator and a digit.
            if next?.isDigitASCII ?? false { return true }
            return next.map(isSeparator) ?? false && j + 2 < end && bytes[j + 2].isDigitASCII
        }
        if let n = next, n.isDigitASCII { return true }
        if let n = next, isSeparator(n), j + 2 < end, bytes[j + 2].isDigitASCII { return true }
        // Completing a short thousands group at the end: "1.080.00O".
        let nextIsLetter = next?.isLetterASCII ?? false
        return current.count < 3 && !nextIsLetter && confusable(bytes[j]) == UInt8(ascii: "0")
    }

    /// Joins runs separated by one space when the space sits where a
    /// thousands mark belongs: "1 080 000", "1.080 000", "1.08 0.000".
    /// Two table cells ("100.000 200.000", "2 100.000") are left apart: the
    /// right-hand run must be a bare group that completes the left one.
    private static func joinAcrossSpaces(_ runs: [Run], bytes: [UInt8]) -> [Run] {
        guard runs.count > 1 else { return runs }
        var result: [Run] = [runs[0]]
        for run in runs.dropFirst() {
            var left = result[result.count - 1]
            let gap = left.range.upperBound..<run.range.lowerBound
            // One space, possibly beside a stray separator: "1.080 000", "96.413. 900".
            let gapBytes = bytes[gap]
            let singleSpace = gapBytes.filter({ $0 == UInt8(ascii: " ") }).count == 1
                && gapBytes.count <= 2 && gapBytes.allSatisfy { $0 == UInt8(ascii: " ") || isSeparator($0) }
            if singleSpace, let joined = join(left, run) {
                left = joined
                result[result.count - 1] = left
            } else {
                result.append(run)
            }
        }
        return result
    }

    private static func join(_ left: Run, _ right: Run) -> Run? {
        let thousands: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: ";")]
        guard left.separators.allSatisfy(thousands.contains) else { return nil }
        let leftLast = left.groups[left.groups.count - 1]
        let leftRegular = left.groups.count == 1
            ? leftLast.count <= 3
            : left.groups.dropFirst().allSatisfy { $0.count == 3 } && left.groups[0].count <= 3
        if right.isPlainGroup, right.groups[0].count == 3, leftRegular, !right.groups[0].isEmpty {
            // "1 080 000", "1.080 000"
            var joined = left
            joined.groups.append(right.groups[0])
            joined.separators.append(UInt8(ascii: " "))
            joined.range = left.range.lowerBound..<right.range.upperBound
            joined.letterRepaired = left.letterRepaired || right.letterRepaired
            joined.spaceJoined = true
            return joined
        }
        // "1.08 0.000": a space inside a group; the two halves make one group of three.
        if left.groups.count >= 2, leftLast.count < 3, right.groups.count >= 2,
           leftLast.count + right.groups[0].count == 3,
           right.groups.dropFirst().allSatisfy({ $0.count == 3 }),
           right.separators.allSatisfy(thousands.contains) {
            var joined = left
            joined.groups[joined.groups.count - 1] += right.groups[0]
            joined.groups += right.groups.dropFirst()
            joined.separators += right.separators
            joined.range = left.range.lowerBound..<right.range.upperBound
            joined.letterRepaired = left.letterRepaired || right.letterRepaired
            joined.spaceJoined = true
            return joined
        }
        return nil
    }

    private static func interpret(_ line: TextLine, _ run: Run) -> AmountToken {
        let groups = run.groups, separators = run.separators, range = run.range
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        var integerGroups = groups
        var integerSeparators = separators
        var fraction: [UInt8] = []
        if let last = separators.last, last == dot || last == comma, let lastGroup = groups.last, lastGroup.count <= 2 {
            // The others must be another kind of separator: "1,234.56" or "1.234,56".
            let others = separators.dropLast()
            if others.allSatisfy({ $0 != last }) {
                fraction = lastGroup
                integerGroups.removeLast()
                integerSeparators.removeLast()
            }
        }
        var wellFormed = true
        if !integerSeparators.isEmpty {
            let first = integerGroups[0].count
            wellFormed = (1...3).contains(first) && integerGroups.dropFirst().allSatisfy { $0.count == 3 }
            // Mixed thousands marks mean damage unless one is a space or colon.
            let kinds = Set(integerSeparators.filter { $0 == dot || $0 == comma })
            if kinds.count > 1 { wellFormed = false }
        }
        let separatorRepaired = integerSeparators.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") }
        // Whole digits and fraction as one integer, divided once: 853.67 comes out as the
        // literal 853.67 would, so amounts compare exactly.
        var scaled: Double = 0
        var digitCount = 0
        for group in integerGroups {
            for d in group { scaled = scaled * 10 + Double(d - 48); digitCount += 1 }
        }
        var divisor: Double = 1
        for d in fraction { scaled = scaled * 10 + Double(d - 48); divisor *= 10 }
        let value = scaled / divisor
        let allDigits = integerGroups.joined()
        let leadingZero = allDigits.count > 1 && allDigits.first == UInt8(ascii: "0")
        let (isPercent, currency) = suffixAndPrefix(line, range: range)
        return AmountToken(
            value: value, range: range, raw: line.original(range), decimals: fraction.count,
            letterRepaired: run.letterRepaired, separatorRepaired: separatorRepaired, spaceJoined: run.spaceJoined,
            wellFormed: wellFormed, leadingZero: leadingZero, isPercent: isPercent, currency: currency,
            digitCount: digitCount + fraction.count)
    }

    /// Looks right of the number for "%" or a currency, and left for "$", "€", "USD".
    private static func suffixAndPrefix(_ line: TextLine, range: Range<Int>) -> (Bool, String?) {
        let bytes = line.folded
        var k = range.upperBound
        while k < bytes.count, bytes[k] == UInt8(ascii: " ") { k += 1 }
        if k < bytes.count, bytes[k] == UInt8(ascii: "%") { return (true, nil) }
        var word: [UInt8] = []
        var m = k
        while m < bytes.count, bytes[m].isLetterASCII, word.count < 5 { word.append(bytes[m]); m += 1 }
        let after = String(decoding: word, as: UTF8.self)
        if k < bytes.count, let symbol = CurrencyDetector.symbolCurrency(line.scalars[line.origin[k]]) { return (false, symbol) }
        if let code = CurrencyDetector.suffixCurrency(after) {
            return (false, code)
        }
        // Left side: "$4.11", "USD 4.11", "€ 49,99".
        var p = range.lowerBound - 1
        while p >= 0, bytes[p] == UInt8(ascii: " ") { p -= 1 }
        if p >= 0, let symbol = CurrencyDetector.symbolCurrency(line.scalars[line.origin[p]]) {
            // "S$", "A$", "HK$": the dollar of Singapore, Australia, Hong Kong.
            if symbol == "USD", p >= 1 {
                switch bytes[p - 1] {
                case UInt8(ascii: "s"): return (false, "SGD")
                case UInt8(ascii: "a"): return (false, "AUD")
                case UInt8(ascii: "k") where p >= 2 && bytes[p - 2] == UInt8(ascii: "h"): return (false, "HKD")
                default: break
                }
            }
            return (false, symbol)
        }
        var before: [UInt8] = []
        while p >= 0, bytes[p].isLetterASCII, before.count < 4 { before.insert(bytes[p], at: 0); p -= 1 }
        let prefix = String(decoding: before, as: UTF8.self)
        if let code = CurrencyDetector.isoCode(prefix) ?? CurrencyDetector.localAbbreviation(prefix) { return (false, code) }
        return (false, nil)
    }
}
