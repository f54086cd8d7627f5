/// Dates as printed on invoices: "Ngày 16 tháng 04 năm 2026", "16/04/2026",
/// "16-04-2026", "16.04.26", "2026-04-16", "August 3, 2014", "3 Aug 2014",
/// and US "04/16/2026" on English invoices.

/// A calendar date found in a line.
struct DateCandidate: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
    /// Folded byte range in the line.
    var range: Range<Int>
    /// Written with the Vietnamese "ngày … tháng … năm" words.
    var spelledVietnamese: Bool
    /// A letter had to be read as a digit ("2O26").
    var repaired: Bool
    /// For `a/b/yyyy`: which order the numbers themselves prove (a number above 12
    /// can only be the day); nil when both orders make a date, or for other forms.
    var provenOrder: NumericOrder? = nil
    /// A time of day follows on the line ("25/12/2018 8:13:39 PM"): the moment of sale.
    var withTime = false

    var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// The order of day and month in a numeric date.
enum NumericOrder: Sendable, Equatable {
    case dayFirst, monthFirst
}

enum DateParser {
    /// A piece of a line for date matching: a letter run or a digit run.
    private struct Piece {
        var text: String
        var range: Range<Int>
        var number: Int?
        var digits: Int
        var repaired: Bool
    }

    /// Calendar validity, years 1990–2100 (invoices outside it are OCR noise).
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1990...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : days[month - 1])
    }

    /// All dates in a line.
    /// - Parameter monthFirst: read `a/b/yyyy` as month/day (US), used for
    ///   English documents; a first number above 12 is a day either way.
    static func dates(in line: TextLine, monthFirst: Bool) -> [DateCandidate] {
        let pieces = split(line)
        var found: [DateCandidate] = []
        var k = 0
        while k < pieces.count {
            if let (date, next) = vietnameseWords(pieces, k) ?? numeric(pieces, k, line, monthFirst) ?? english(pieces, k) {
                found.append(date)
                k = next
            } else {
                k += 1
            }
        }
        return found
    }

    // MARK: - Pieces

    private static func split(_ line: TextLine) -> [Piece] {
        var pieces: [Piece] = []
        for (index, token) in line.tokens.enumerated() {
            // Most tokens are all letters or all digits: one piece, its text already built.
            if token.letters == 0 || token.digits == 0 {
                pieces.append(makePiece(line.words[index], token))
                continue
            }
            let bytes = Array(line.word(token))
            let lower = token.range.lowerBound
            // "2O26", "l6": a short token of digits and look-alike letters is one number.
            if token.letters > 0, token.digits > 0, bytes.count <= 4,
               bytes.allSatisfy({ $0.isDigitASCII || digit(for: $0) != nil }) {
                pieces.append(makePiece(bytes, range: token.range))
                continue
            }
            // "ngay16thang04nam2026", "3rd": split where letters meet digits.
            var start = 0
            for i in 1...bytes.count where i == bytes.count || bytes[i].isDigitASCII != bytes[i - 1].isDigitASCII {
                pieces.append(makePiece(Array(bytes[start..<i]), range: (lower + start)..<(lower + i)))
                start = i
            }
        }
        return pieces
    }

    private static func digit(for byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "o"): return UInt8(ascii: "0")
        case UInt8(ascii: "l"), UInt8(ascii: "i"): return UInt8(ascii: "1")
        default: return nil
        }
    }

    private static func makePiece(_ text: String, _ token: Token) -> Piece {
        guard token.letters == 0 else {
            return Piece(text: text, range: token.range, number: nil, digits: 0, repaired: false)
        }
        var value = 0
        for b in text.utf8 where token.count <= 4 { value = value * 10 + Int(b - 48) }
        return Piece(text: text, range: token.range, number: token.count <= 4 ? value : nil, digits: token.count, repaired: false)
    }

    private static func makePiece(_ bytes: [UInt8], range: Range<Int>) -> Piece {
        let text = String(decoding: bytes, as: UTF8.self)
        let digitCount = bytes.filter(\.isDigitASCII).count
        guard digitCount > 0, digitCount <= 4 || bytes.count <= 4 else {
            return Piece(text: text, range: range, number: nil, digits: digitCount, repaired: false)
        }
        var value = 0
        var repaired = false
        for b in bytes {
            if b.isDigitASCII {
                value = value * 10 + Int(b - 48)
            } else if let d = digit(for: b) {
                value = value * 10 + Int(d - 48)
                repaired = true
            } else {
                return Piece(text: text, range: range, number: nil, digits: digitCount, repaired: false)
            }
        }
        return Piece(text: text, range: range, number: bytes.count <= 4 ? value : nil, digits: bytes.count, repaired: repaired)
    }

    private static func year(_ piece: Piece) -> Int? {
        guard let n = piece.number else { return nil }
        if piece.digits == 4 { return n }
        if piece.digits == 2 { return 2000 + n }
        return nil
    }

    // MARK: - Forms

    /// "ngày 16 tháng 04 năm 2026", with English glosses "(Date)", "(month)"
    /// allowed between, and the word "ngày" possibly lost.
    private static func vietnameseWords(_ p: [Piece], _ k: Int) -> (DateCandidate, Int)? {
        var i = k
        if p[i].text == "ngay" { i += 1; i = skipGloss(p, i) }
        guard i < p.count, let day = p[i].number, p[i].digits <= 2 else { return nil }
        var j = i + 1
        guard j < p.count, like(p[j].text, "thang") else { return nil }
        j = skipGloss(p, j + 1)
        guard j < p.count, let month = p[j].number, p[j].digits <= 2 else { return nil }
        let monthIndex = j
        j += 1
        guard j < p.count, like(p[j].text, "nam") else { return nil }
        j = skipGloss(p, j + 1)
        guard j < p.count, let y = year(p[j]), isValid(year: y, month: month, day: day) else { return nil }
        let repaired = p[i].repaired || p[monthIndex].repaired || p[j].repaired
        let date = DateCandidate(year: y, month: month, day: day, range: p[k].range.lowerBound..<p[j].range.upperBound,
                                 spelledVietnamese: true, repaired: repaired)
        return (date, j + 1)
    }

    /// "thang"/"nam" with one OCR slip ("ndm", "tháng" read "thdng"), same length.
    private static func like(_ text: String, _ word: String) -> Bool {
        guard text.count == word.count, text.first == word.first, text.last == word.last else { return false }
        return zip(text, word).filter { $0 != $1 }.count <= 1
    }

    private static let glossWords: Set<String> = ["date", "day", "month", "year", "dd", "mm", "yyyy"]

    private static func skipGloss(_ p: [Piece], _ i: Int) -> Int {
        var j = i
        while j < p.count, glossWords.contains(p[j].text) { j += 1 }
        return j
    }

    /// dd/mm/yyyy (or mm/dd/yyyy), with `/`, `-` or `.` and a 2- or 4-digit
    /// year; also ISO yyyy-mm-dd.
    private static func numeric(_ p: [Piece], _ k: Int, _ line: TextLine, _ monthFirst: Bool) -> (DateCandidate, Int)? {
        guard k + 2 < p.count, let a = p[k].number, let b = p[k + 1].number, let c = p[k + 2].number else { return nil }
        guard let s1 = separator(line, p[k].range.upperBound, p[k + 1].range.lowerBound),
              let s2 = separator(line, p[k + 1].range.upperBound, p[k + 2].range.lowerBound), s1 == s2 else { return nil }
        let repaired = p[k].repaired || p[k + 1].repaired || p[k + 2].repaired
        let range = p[k].range.lowerBound..<p[k + 2].range.upperBound
        if p[k].digits == 4, s1 == UInt8(ascii: "-") || s1 == UInt8(ascii: "/"), p[k + 1].digits <= 2, p[k + 2].digits <= 2,
           isValid(year: a, month: b, day: c) {
            return (DateCandidate(year: a, month: b, day: c, range: range, spelledVietnamese: false, repaired: repaired), k + 3)
        }
        guard p[k].digits <= 2, p[k + 1].digits <= 2, let y = year(p[k + 2]) else { return nil }
        // A 2-digit year needs its separators to be date-like: "10.5.26" is rarely a date.
        var (day, month) = (a, b)
        if monthFirst && s1 == UInt8(ascii: "/") && a <= 12 { (day, month) = (b, a) }
        if !isValid(year: y, month: month, day: day) {
            (day, month) = (month, day)   // "04/16/2026" in a day-first document
            guard isValid(year: y, month: month, day: day) else { return nil }
        }
        let proven: NumericOrder? = a > 12 && b <= 12 ? .dayFirst : (b > 12 && a <= 12 ? .monthFirst : nil)
        var date = DateCandidate(year: y, month: month, day: day, range: range, spelledVietnamese: false, repaired: repaired,
                                 provenOrder: proven)
        date.withTime = k + 4 < p.count && p[k + 3].digits <= 2 && p[k + 4].digits == 2
            && line.folded[p[k + 3].range.upperBound..<p[k + 4].range.lowerBound].elementsEqual([UInt8(ascii: ":")])
        return (date, k + 3)
    }

    /// The separator between two pieces: one of `/ - .` with optional spaces.
    private static func separator(_ line: TextLine, _ from: Int, _ to: Int) -> UInt8? {
        var mark: UInt8?
        for b in line.folded[from..<to] {
            if b == UInt8(ascii: " ") { continue }
            if (b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")) && mark == nil { mark = b; continue }
            return nil
        }
        return mark
    }

    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "januari", "januar", "janvier", "janv"],
            ["february", "feb", "februari", "februar", "fevrier", "fevr", "fev"],
            ["march", "mar", "maart", "marz", "maerz", "mars", "mrt"],
            ["april", "apr", "avril", "avr"],
            ["may", "mei", "mai"],
            ["june", "jun", "juni", "juin"],
            ["july", "jul", "juli", "juillet", "juil"],
            ["august", "aug", "augustus", "aout"],
            ["september", "sep", "sept", "septembre"],
            ["october", "oct", "oktober", "okt", "octobre"],
            ["november", "nov", "novembre"],
            ["december", "dec", "dezember", "dez", "decembre"],
        ]
        for (index, list) in names.enumerated() { for name in list { table[name] = index + 1 } }
        return table
    }()

    private static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er"]

    /// "August 3, 2014", "Aug 3 2014", "3 August 2014", "3rd Aug, 2014", "31-Dec-2017".
    private static func english(_ p: [Piece], _ k: Int) -> (DateCandidate, Int)? {
        func skipOrdinal(_ i: Int) -> Int { i < p.count && ordinalSuffixes.contains(p[i].text) ? i + 1 : i }
        if let month = months[p[k].text] {
            var i = k + 1
            guard i < p.count, let day = p[i].number, p[i].digits <= 2 else { return nil }
            i = skipOrdinal(i + 1)
            guard i < p.count, p[i].digits == 4, let y = p[i].number, isValid(year: y, month: month, day: day) else { return nil }
            return (DateCandidate(year: y, month: month, day: day, range: p[k].range.lowerBound..<p[i].range.upperBound,
                                  spelledVietnamese: false, repaired: p[i].repaired), i + 1)
        }
        guard let day = p[k].number, p[k].digits <= 2 else { return nil }
        var i = skipOrdinal(k + 1)
        guard i < p.count, let month = months[p[i].text] else { return nil }
        i += 1
        guard i < p.count, let y = year(p[i]), isValid(year: y, month: month, day: day) else { return nil }
        return (DateCandidate(year: y, month: month, day: day, range: p[k].range.lowerBound..<p[i].range.upperBound,
                              spelledVietnamese: false, repaired: p[k].repaired || p[i].repaired), i + 1)
    }
}
