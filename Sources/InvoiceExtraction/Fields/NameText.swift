/// Turning the text after a name label into a clean name.
///
/// Company names on Vietnamese invoices are printed in capitals, and OCR text
/// around them carries debris: stray quotes and dashes from table rules, the
/// start of the next column ("… THIÊN AN Data platform"), a name wrapped onto a
/// second line. These rules read that shape rather than any one template.
enum NameText {
    /// Words that mark an organisation's name, folded.
    static let organisationMarkers: Set<String> = [
        "cong ty", "tong cong ty", "tap doan", "tnhh", "co phan", "chi nhanh", "doanh nghiep", "ho kinh doanh",
        "cua hang", "sieu thi", "nha thuoc", "nha hang", "khach san", "hop tac xa", "dien luc", "vien thong",
        "cap nuoc", "inc", "llc", "ltd", "corp", "corporation", "company", "gmbh", "bv", "jsc", "plc", "pte",
        "limited", "sarl", "ag", "nv", "co",
        // Abroad: "B.V." and "S/B" fold to two words; shops and restaurants name themselves.
        "b v", "n v", "s a", "s b", "sdn bhd", "bhd", "pvt", "pty", "sas", "srl", "spa", "kg", "ug", "oy", "enterprise",
        "enterprises", "trading", "restoran", "restaurant", "minimart", "mini mart", "supermarket", "hypermarket",
        "tap hoa", "quan an", "ca phe", "coffee", "cafe", "bakery", "tiem", "hotel", "resort",
    ]

    /// The cleaned printed text of value spans (a name wrapped over lines is joined).
    static func text(_ doc: DocumentIndex, _ spans: [ValueSpan]) -> String {
        var parts: [String] = []
        for span in spans {
            let line = doc.lines[span.line]
            // Keep the dot of a closing abbreviation ("Inc.", "Pte. Ltd."): `clean` decides.
            var upper = span.range.upperBound
            if upper < line.folded.count, line.folded[upper] == UInt8(ascii: ".") { upper += 1 }
            parts.append(line.original(span.range.lowerBound..<upper))
        }
        return clean(parts.joined(separator: " "))
    }

    /// Removes OCR debris: symbols that never occur in names, doubled
    /// spaces, punctuation at the ends.
    private static let debrisScalars: Set<Unicode.Scalar> = Set("‘’'\"`“”„*_|¬~^ˆ°:;!?<>{}[]".unicodeScalars)

    static func clean(_ raw: String) -> String {
        // Quotes, rules and specks separate words like spaces; letters, digits, combining
        // marks and the punctuation names use (& - . , ( ) /) stay.
        var words: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(raw.unicodeScalars)
        for (k, scalar) in scalars.enumerated() {
            // An apostrophe between letters is part of the name ("Joe's", "L'Oréal").
            if scalar == "'" || scalar == "’", k > 0, k + 1 < scalars.count, scalars[k - 1].isLetter, scalars[k + 1].isLetter {
                current.append(scalar)
                continue
            }
            if scalar == " " || (!scalar.carriesText && (debrisScalars.contains(scalar) || scalar.properties.isWhitespace)) {
                if !current.isEmpty {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        // Lone punctuation words ("-", ".", ",") at the ends are debris; inside they may be
        // part of the name ("VIỄN THÔNG HÀ NỘI - VNPT HÀ NỘI").
        func isDebris(_ w: String) -> Bool { !w.unicodeScalars.contains(where: \.carriesText) }
        while let first = words.first, isDebris(first) { words.removeFirst() }
        while let last = words.last, isDebris(last) { words.removeLast() }
        // Inside a name, keep a lone "-" or "&"; a dot or comma alone is noise.
        words = words.filter { !isDebris($0) || $0 == "-" || $0 == "&" }
        if raw.unicodeScalars.contains(where: { $0.value >= 0xC0 && $0.isLetter }) {
            words = words.flatMap(splitVietnameseDebris)
            // "… DỊCH VỤ GIA. BẢO": inside a name in capitals a dot after a whole word is a speck.
            for k in words.indices.dropLast() where words[k].count >= 3 && words[k].hasSuffix(".") {
                let word = words[k].dropLast()
                if isUppercaseWord(word), !word.contains("."), !["TP", "CN", "TT", "KCN", "CTY"].contains(String(word)) {
                    words[k] = String(word)
                }
            }
        }
        var result = words.joined(separator: " ")
        // Trailing "." or "," is punctuation, except after an abbreviation ("Inc.", "Co.", "Ltd.").
        while let last = result.last, last == "," || last == "." || last == "-" {
            let lastWord = result.split(separator: " ").last.map { String($0).lowercased() } ?? ""
            if last == ".", ["inc.", "co.", "ltd.", "corp.", "jsc.", "bv.", "b.v.", "pte.", "llc.", "plc."].contains(lastWord) { break }
            result.removeLast()
        }
        return result.trimmingSpaces
    }

    /// In a Vietnamese name a dot is OCR debris unless it closes a short
    /// abbreviation ("TP."): "BAO.BÌ" → "BAO BÌ", "SẠCH." → "SẠCH".
    private static func splitVietnameseDebris(_ word: String) -> [String] {
        guard word.contains(".") else { return [word] }
        let pieces = word.split(separator: ".").map(String.init)
        if pieces.count >= 2, pieces.allSatisfy({ $0.count >= 2 }) { return pieces }
        if pieces.count == 1, word.hasSuffix("."), pieces[0].count >= 3, isUppercaseWord(Substring(pieces[0])),
           pieces[0].unicodeScalars.contains(where: { $0.value >= 0xC0 }) || pieces[0].count >= 4 {
            return pieces
        }
        return [word]
    }

    /// Whether a word is written in capitals (digits and marks allowed).
    static func isUppercaseWord(_ word: Substring) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars where scalar.isLetter {
            if scalar.isLowercaseLetter { return false }
            letters += 1
        }
        return letters > 0
    }

    /// For a name printed in capitals, drops what follows it on the same line
    /// from the next column ("… THIÊN AN Data platform" → "… THIÊN AN").
    /// A single lower-case word between capitals is OCR case damage and is
    /// kept, upper-cased ("DỊCH vụ BÌNH").
    static func capitalsPrefix(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count >= 2, isUppercaseWord(words[0]), isUppercaseWord(words[1]) else { return name }
        var kept: [String] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            if isUppercaseWord(word) || !word.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                kept.append(String(word))
            } else if i + 1 < words.count, isUppercaseWord(words[i + 1]), word.count <= 4 {
                kept.append(word.uppercased())
            } else {
                break
            }
            i += 1
        }
        return clean(kept.joined(separator: " "))
    }

    /// A line that continues a name printed in capitals on the line above:
    /// a few capitalised words, no digits, no organisation marker of its own.
    /// A name broken after a word that cannot end it ("… - CHI", "… TẠI") may
    /// continue with more words ("NHÁNH THÀNH PHỐ HỒ CHÍ MINH").
    static func isContinuation(_ line: TextLine, _ range: Range<Int>, after name: String = "") -> Bool {
        let tokens = line.tokens.filter { range.contains($0.range.lowerBound) }
        let maxWords = endsUnfinished(name) ? 9 : 5
        guard (1...maxWords).contains(tokens.count), tokens.allSatisfy(\.isAlpha) else { return false }
        let text = line.original(range)
        let words = text.split(separator: " ").filter { $0.unicodeScalars.contains(where: \.isLetter) }
        guard !words.isEmpty, words.allSatisfy(isUppercaseWord) else { return false }
        let folded = tokens.map { line.wordString($0) }
        if folded.contains(where: { ["hoa", "don", "invoice", "hd"].contains($0) }) { return false }
        // A line that starts another organisation ("CÔNG TY …", "CHI NHÁNH …") is not the rest of this one;
        // trade words such as "VIỄN THÔNG" or "ĐIỆN LỰC" may be.
        let starters: Set<String> = ["cong ty", "tong cong", "tap doan", "chi nhanh", "cua hang", "doanh nghiep", "ho kinh"]
        if folded.count >= 2 && starters.contains(folded[0] + " " + folded[1]) { return false }
        // The organisation's English name printed under the Vietnamese one ("NTT (VIETNAM)
        // LIMITED-HANOI BRANCH", "… TRADING COMPANY LIMITED") is another name, not the rest of it.
        let englishMarkers: Set<String> = ["limited", "company", "co", "ltd", "branch", "corporation", "corp", "jsc", "inc", "llc",
                                           "plc", "pte", "gmbh", "group", "holdings"]
        if !endsUnfinished(name), !englishMarkers.isDisjoint(with: folded) { return false }
        return true
    }

    /// Words a name cannot end with: it was broken at the line's end.
    static func endsUnfinished(_ name: String) -> Bool {
        guard let last = foldedWords(name).last else { return false }
        if name.hasSuffix("-") || name.hasSuffix("&") || name.hasSuffix(",") { return true }
        return ["chi", "va", "tai", "cua", "thanh", "tinh", "thuong", "dich", "cong", "tnhh", "phan", "dau", "and", "of", "the"]
            .contains(last)
    }

    /// OCR debris around a Vietnamese organisation's name in capitals: mixed-case specks read
    /// from a stamp or a rule before its first word ("l Bmvibán GSelen CÔNG TY …"), and a lone
    /// marked letter repeating the word before it ("(VIỆT Ệ NAM)").
    static func dropLeadingDebris(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        let folded = words.map { foldedWords($0).joined() }
        let starters: Set<String> = ["cong ty", "chi nhanh", "tong cong", "tap doan", "cua hang", "doanh nghiep", "ho kinh",
                                     "nha hang", "sieu thi", "khach san"]
        if let start = folded.indices.dropLast().first(where: { starters.contains(folded[$0] + " " + folded[$0 + 1]) }), start > 0,
           isUppercaseWord(Substring(words[start])), !words[..<start].allSatisfy({ isUppercaseWord(Substring($0)) }) {
            words.removeFirst(start)
        }
        // "Á" in "NAM Á" and "Ô" in "Ô TÔ" are words; a marked letter that repeats one of the word
        // before it is the stutter of a damaged glyph.
        var kept: [String] = []
        for word in words {
            let scalars = Array(word.unicodeScalars)
            if scalars.count == 1, scalars[0].value >= 0xC0, scalars[0].isLetter, let previous = kept.last,
               previous.unicodeScalars.contains(scalars[0]) {
                continue
            }
            kept.append(word)
        }
        return kept.joined(separator: " ")
    }

    /// Cuts an address that runs on after a name on the same line ("… (Việt Nam)
    /// Tầng 4, tòa nhà …", "… MIỀN TRUNG 285 Cách Mạng Tháng Tám, Quận 3"): at a
    /// floor, building, ward or district word, or a house number, when a comma
    /// after it shows an address.
    static func cutAtAddress(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count >= 4, name.contains(",") else { return name }
        let folded = words.map { foldedWords(String($0)).joined() }
        func isNumber(_ i: Int) -> Bool { i < words.count && words[i].first?.isNumber == true }
        for i in 2..<words.count {
            let rest = words[i...].joined(separator: " ")
            guard rest.contains(",") else { break }
            let next = i + 1 < folded.count ? folded[i + 1] : ""
            let startsAddress: Bool
            switch folded[i] {
            case "tang", "lau", "floor", "level": startsAddress = isNumber(i + 1)
            case "toa": startsAddress = next == "nha"
            case "phuong", "kcn", "p", "q": startsAddress = true
            case "so", "lo", "quan", "ngo", "hem", "km": startsAddress = isNumber(i + 1)
            default: startsAddress = isNumber(i) && words[i].contains(where: { $0 == "," || $0 == "/" })
            }
            if startsAddress { return clean(words[..<i].joined(separator: " ")) }
        }
        return name
    }

    /// Whether folded words contain an organisation marker ("cong ty", "tnhh", "llc").
    static func hasOrganisationMarker(_ folded: [String]) -> Bool {
        for (i, word) in folded.enumerated() {
            if organisationMarkers.contains(word) { return true }
            if i + 1 < folded.count, organisationMarkers.contains(word + " " + folded[i + 1]) { return true }
        }
        return false
    }

    /// Folded words of a string.
    static func foldedWords(_ text: String) -> [String] {
        VietnameseNumberWords.foldedWords(text)
    }

    /// "Khách lẻ", "Khách lẻ không lấy hóa đơn", "Khachle": a walk-in customer.
    static func isWalkIn(_ text: String) -> Bool {
        let words = foldedWords(text)
        let joined = words.joined()
        return joined.hasPrefix("khachle") || joined.hasPrefix("khachvanglai") || joined == "le"
            || joined.hasPrefix("khongcotenkhach") || joined.hasPrefix("walkin")
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
