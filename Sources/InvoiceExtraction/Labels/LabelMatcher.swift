/// Finding labels in lines and the stretch of text that is each label's value.

/// A label found in a line.
struct LabelHit: Sendable {
    var kind: LabelKind
    var strength: Double
    /// Line index in `DocumentText.lines`.
    var line: Int
    /// Folded byte range of the label words (and of a gloss merged into it).
    var range: Range<Int>
    /// Where its value starts: after a parenthesised gloss and ":".
    var valueStart: Int
    /// Followed by ":" (or a gloss then ":"), which marks it as a real label
    /// even when its words could be part of a name.
    var delimited: Bool
    var wordCount: Int
    /// Printed in capitals, like the names that labels sometimes occur inside.
    var uppercase: Bool
}

enum LabelMatcher {
    /// Labels of one line, left to right, with English glosses merged into
    /// the Vietnamese label before them ("Số (No.):", "Mã số thuế (Tax code):").
    static func hits(in line: TextLine) -> [LabelHit] {
        var hits: [LabelHit] = []
        var t = 0
        let tokens = line.tokens
        while t < tokens.count {
            var matched = false
            if tokens[t].isAlpha {
                // A damaged first word: try the long labels whose second word follows.
                let candidates = LabelCatalog.byFirstWord[line.words[t]]
                    ?? (t + 1 < tokens.count && tokens[t].count >= 4 ? LabelCatalog.bySecondWord[line.words[t + 1]] : nil)
                    ?? []
                for pattern in candidates {
                    guard let end = match(pattern, line, at: t) else { continue }
                    let range = tokens[t].range.lowerBound..<tokens[end - 1].range.upperBound
                    if case .delimiter = pattern.tail, !followedByDelimiter(line, range.upperBound) { continue }
                    if case .delimiterOrFigure = pattern.tail, !followedByDelimiter(line, range.upperBound),
                       !followedByFigure(line, range.upperBound) { continue }
                    // English "VAT" / "No." must not be read into Vietnamese "vật" / "nợ".
                    if asciiOnlyFirstWords.contains(line.words[t]), !isPrintedASCII(line, range) { continue }
                    hits.append(makeHit(pattern, line, range: range, wordCount: pattern.words.count))
                    t = end
                    matched = true
                    break
                }
            }
            if !matched { t += 1 }
        }
        return dropMidLineTitles(dropInsideParentheses(dropInsideOrganisationNames(merge(hits, line), line), line), line)
    }

    /// A title ("HÓA ĐƠN", "INVOICE", "facture") heads its line; the same words
    /// later in a line are prose ("Total facture", "Mã tra cứu hóa đơn").
    private static func dropMidLineTitles(_ hits: [LabelHit], _ line: TextLine) -> [LabelHit] {
        hits.enumerated().filter { index, hit in
            guard hit.kind == .title else { return true }
            if index == 0 { return true }
            // "(VAT INVOICE)" after another title stays a title.
            return hits[index - 1].kind == .title
        }.map(\.element)
    }

    /// Label words inside a parenthesised remark ("(Giá đã bao gồm thuế GTGT)",
    /// "(Dành cho … tính thuế giá trị gia tăng …)") are prose, not labels; the
    /// "(chưa thuế)" that marks an amount before tax is the exception.
    private static func dropInsideParentheses(_ hits: [LabelHit], _ line: TextLine) -> [LabelHit] {
        hits.filter { hit in
            var depth = 0
            for b in line.folded[..<hit.range.lowerBound] {
                if b == UInt8(ascii: "(") { depth += 1 } else if b == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            }
            if depth == 0 { return true }
            // A label that opens the parenthesis is a gloss standing on its own
            // ("(Amount in words):" after an unreadable Vietnamese label, "(chưa thuế)").
            var k = hit.range.lowerBound - 1
            while k >= 0, line.folded[k] == UInt8(ascii: " ") { k -= 1 }
            return k >= 0 && line.folded[k] == UInt8(ascii: "(")
        }
    }

    private static let asciiOnlyFirstWords: Set<String> = ["vat", "no"]

    private static func isPrintedASCII(_ line: TextLine, _ range: Range<Int>) -> Bool {
        line.original(range).unicodeScalars.allSatisfy(\.isASCII)
    }

    /// Words of an organisation's name printed in capitals ("CÔNG TY … VẬT LIỆU
    /// THÀNH TIẾN") can spell labels; after an organisation marker, a capitalised
    /// label with no colon is taken as part of the name.
    private static func dropInsideOrganisationNames(_ hits: [LabelHit], _ line: TextLine) -> [LabelHit] {
        guard !hits.isEmpty, let marker = organisationMarkerEnd(line) else { return hits }
        return hits.filter { hit in
            hit.range.lowerBound < marker || hit.delimited || !hit.uppercase || hit.kind == .title
        }
    }

    private static let markerStarts: Set<String> = ["cong", "tnhh", "co", "tap", "chi", "cua", "doanh", "kinh"]

    /// End of the first organisation marker printed in capitals on the line.
    private static func organisationMarkerEnd(_ line: TextLine) -> Int? {
        let markers: [[String]] = [["cong", "ty"], ["tnhh"], ["co", "phan"], ["tap", "doan"], ["chi", "nhanh"],
                                   ["cua", "hang"], ["doanh", "nghiep"], ["kinh", "doanh"]]
        for (t, word) in line.words.enumerated() where markerStarts.contains(word) {
            for marker in markers where marker[0] == word && t + marker.count <= line.words.count {
                guard Array(line.words[t..<(t + marker.count)]) == marker else { continue }
                let range = line.tokens[t].range.lowerBound..<line.tokens[t + marker.count - 1].range.upperBound
                if isUppercase(line, range) { return range.upperBound }
            }
        }
        return nil
    }

    /// Token index after the match, or nil. Two label words glued by OCR
    /// ("thuếGTGT", "Đơngiá") match one token.
    private static func match(_ pattern: LabelPattern, _ line: TextLine, at t: Int) -> Int? {
        let tokens = line.tokens
        var k = 0          // pattern word
        var u = t          // token
        // One word of a long label may carry one OCR slip ("Téng cộng", "thanh todn");
        // in a two-word label only a long second word may.
        var slips = 0
        while k < pattern.words.count {
            guard u < tokens.count else { return nil }
            let token = tokens[u]
            if u > t {
                // Words of one label sit together: a gap of a space or light punctuation.
                let gap = tokens[u - 1].range.upperBound..<token.range.lowerBound
                guard gap.count <= 3, line.folded[gap].allSatisfy(isLabelGap) else { return nil }
            }
            let candidate = line.word(token)
            if candidate.elementsEqual(pattern.words[k]) {
                k += 1
            } else if k + 1 < pattern.words.count, candidate.elementsEqual(pattern.words[k] + pattern.words[k + 1]) {
                k += 2
            } else if slips == 0,
                      pattern.words.count >= 3 ? pattern.words[k].count >= 4 : (k > 0 && pattern.words[k].count >= 5),
                      withinOneEdit(Array(candidate), pattern.words[k]) {
                slips += 1
                k += 1
            } else {
                return nil
            }
            u += 1
        }
        return u
    }

    private static func isLabelGap(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
    }

    private static func followedByFigure(_ line: TextLine, _ offset: Int) -> Bool {
        var k = offset
        while k < line.folded.count, line.folded[k] == UInt8(ascii: " ") { k += 1 }
        return k < line.folded.count && line.folded[k].isDigitASCII
    }

    private static func followedByDelimiter(_ line: TextLine, _ offset: Int) -> Bool {
        var k = offset
        while k < line.folded.count, line.folded[k] == UInt8(ascii: " ") { k += 1 }
        guard k < line.folded.count else { return false }
        let c = line.folded[k]
        return c == UInt8(ascii: ":") || c == UInt8(ascii: "(") || c == UInt8(ascii: ".") || c == UInt8(ascii: "#")
    }

    private static func makeHit(_ pattern: LabelPattern, _ line: TextLine, range: Range<Int>, wordCount: Int) -> LabelHit {
        let (valueStart, delimited) = skipGlossAndDelimiter(line, from: range.upperBound)
        return LabelHit(kind: pattern.kind, strength: pattern.strength, line: line.index, range: range,
                        valueStart: valueStart, delimited: delimited, wordCount: wordCount,
                        uppercase: isUppercase(line, range))
    }

    /// Skips "(Tax code)" and ":" after a label. A parenthesised part counts as a
    /// gloss when it has no digits and is short.
    static func skipGlossAndDelimiter(_ line: TextLine, from offset: Int) -> (Int, Bool) {
        let bytes = line.folded
        var k = offset
        var delimited = false
        func skipSpaces() { while k < bytes.count, bytes[k] == UInt8(ascii: " ") { k += 1 } }
        skipSpaces()
        if k < bytes.count, bytes[k] == UInt8(ascii: "(") {
            var m = k + 1
            while m < bytes.count, bytes[m] != UInt8(ascii: ")"), !bytes[m].isDigitASCII, m - k < 40 { m += 1 }
            if m < bytes.count, bytes[m] == UInt8(ascii: ")") {
                k = m + 1
                delimited = true
                skipSpaces()
            }
        }
        while k < bytes.count, [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: ")")].contains(bytes[k]) {
            if bytes[k] == UInt8(ascii: ":") { delimited = true }
            k += 1
        }
        return (k, delimited)
    }

    private static func isUppercase(_ line: TextLine, _ range: Range<Int>) -> Bool {
        var upper = 0, lower = 0
        for i in range {
            let scalar = line.scalars[line.origin[i]]
            if scalar.isUppercaseLetter { upper += 1 } else if scalar.isLowercaseLetter { lower += 1 }
        }
        return upper > 0 && lower == 0
    }

    /// Joins a label and the gloss after it ("Đơn vị bán hàng (Seller):").
    private static func merge(_ hits: [LabelHit], _ line: TextLine) -> [LabelHit] {
        var result: [LabelHit] = []
        for hit in hits {
            // A label inside the gloss of the one before ("Số tài khoản (A/C No.)") is part of that gloss.
            if let last = result.last, last.kind != .notALabel, hit.range.lowerBound < last.valueStart,
               hit.range.lowerBound >= last.range.upperBound {
                continue
            }
            if var last = result.last, hit.kind != .notALabel, last.kind != .notALabel {
                let gap = line.folded[last.range.upperBound..<hit.range.lowerBound]
                let onlyGlue = gap.count <= 4 && gap.allSatisfy { [UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "-")].contains($0) }
                let isGloss = gap.contains { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "/") }
                // Only a gloss is joined: "Mã số thuế (Tax code)", "Tổng cộng / Total".
                // Neighbouring column names ("Số lượng Đơn giá") stay apart.
                if onlyGlue && isGloss && (hit.kind == last.kind || isGlossPair(last.kind, hit.kind)) {
                    if last.kind == .companyNeutral || last.kind == .buyerGeneric { last.kind = hit.kind }
                    last.range = last.range.lowerBound..<hit.range.upperBound
                    // Skip the closing parenthesis of the gloss.
                    let (start, delimited) = skipGlossAndDelimiter(line, from: skipClosing(line, hit.range.upperBound))
                    last.valueStart = start
                    last.delimited = last.delimited || delimited
                    last.strength = max(last.strength, hit.strength)
                    result[result.count - 1] = last
                    continue
                }
            }
            result.append(hit)
        }
        return result.filter { $0.kind != .notALabel }
    }

    private static func skipClosing(_ line: TextLine, _ offset: Int) -> Int {
        var k = offset
        while k < line.folded.count, line.folded[k] != UInt8(ascii: ")"), line.folded[k] != UInt8(ascii: ":"), k - offset < 12,
              !line.folded[k].isDigitASCII {
            k += 1
        }
        if k < line.folded.count, line.folded[k] == UInt8(ascii: ")") { return k + 1 }
        return offset
    }

    /// A Vietnamese label and its English gloss may name the field differently.
    private static func isGlossPair(_ a: LabelKind, _ b: LabelKind) -> Bool {
        switch (a, b) {
        case (.companyNeutral, .buyerCompany), (.companyNeutral, .seller), (.buyerGeneric, .buyerPerson),
             (.buyerGeneric, .buyerCompany), (.buyerGeneric, .companyNeutral):
            return true
        case (.buyerPerson, .buyerGeneric), (.buyerCompany, .buyerGeneric), (.buyerCompany, .companyNeutral),
             (.seller, .companyNeutral), (.number, .title), (.issueDate, .otherDate):
            return true
        default:
            return false
        }
    }

    private static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if a.count < b.count { j += 1 } else { i += 1; j += 1 }
        }
        edits += (a.count - i) + (b.count - j)
        return edits <= 1
    }
}
