/// The OCR text cut into lines, each kept twice: as printed (for values such as
/// names, which must keep their diacritics) and folded to lower-case ASCII (for
/// labels and numbers, which must survive lost diacritics).

/// A word of a folded line: a maximal run of ASCII letters and digits.
struct Token: Sendable {
    /// Byte range in `TextLine.folded`.
    let range: Range<Int>
    let letters: Int
    let digits: Int

    var isAlpha: Bool { digits == 0 }
    var isNumeric: Bool { letters == 0 }
    var count: Int { range.count }
}

/// One non-empty line of the document.
struct TextLine: Sendable {
    /// Position among the document's non-empty lines.
    let index: Int
    /// Page number, 0-based (pages are separated by form feeds).
    let page: Int
    /// The line as printed.
    let scalars: [Unicode.Scalar]
    /// Lower-case ASCII fold, one byte per scalar that carries text.
    let folded: [UInt8]
    /// For each folded byte, the index of the scalar it came from.
    let origin: [Int]
    let tokens: [Token]
    /// The folded text of each token, for dictionary look-ups.
    let words: [String]

    init(index: Int, page: Int, scalars: [Unicode.Scalar]) {
        self.index = index
        self.page = page
        self.scalars = scalars
        var folded: [UInt8] = []
        var origin: [Int] = []
        folded.reserveCapacity(scalars.count)
        origin.reserveCapacity(scalars.count)
        for (i, scalar) in scalars.enumerated() {
            if let byte = FoldTable.fold(scalar) {
                folded.append(byte)
                origin.append(i)
            }
        }
        self.folded = folded
        self.origin = origin
        self.tokens = TextLine.tokenize(folded)
        self.words = tokens.map { String(decoding: folded[$0.range], as: UTF8.self) }
    }

    private static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i].isAlphanumericASCII else { i += 1; continue }
            let start = i
            var letters = 0, digits = 0
            while i < bytes.count, bytes[i].isAlphanumericASCII {
                if bytes[i].isDigitASCII { digits += 1 } else { letters += 1 }
                i += 1
            }
            tokens.append(Token(range: start..<i, letters: letters, digits: digits))
        }
        return tokens
    }

    /// The folded bytes of a token.
    func word(_ token: Token) -> ArraySlice<UInt8> { folded[token.range] }

    /// The folded text of a token as a String (for dictionary look-ups).
    func wordString(_ token: Token) -> String {
        String(decoding: folded[token.range], as: UTF8.self)
    }

    /// The printed text behind a folded byte range.
    func original(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let lower = origin[range.lowerBound]
        // Include combining marks that follow the last folded byte's scalar.
        let upper = range.upperBound < origin.count ? origin[range.upperBound] : scalars.count
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

}

/// The whole OCR text as lines.
struct DocumentText: Sendable {
    let lines: [TextLine]
    let pageCount: Int

    init(_ text: String) {
        var lines: [TextLine] = []
        var page = 0
        var current: [Unicode.Scalar] = []
        var afterImprint = false
        func flush() {
            // Keep a line only if it has a letter or digit: Tesseract emits
            // stray punctuation lines for table rules and stamps.
            if current.contains(where: \.carriesText) {
                var line = TextLine(index: lines.count, page: page, scalars: current)
                // The e-invoice provider's imprint is no part of the invoice (see ProviderImprint).
                if afterImprint && ProviderImprint.isContinuation(line) {
                    current.removeAll(keepingCapacity: true)
                    return
                }
                afterImprint = false
                if let cut = ProviderImprint.start(in: line) {
                    afterImprint = true
                    line = TextLine(index: lines.count, page: page, scalars: Array(current[..<line.origin[cut]]))
                }
                if line.scalars.contains(where: \.carriesText) { lines.append(line) }
            }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{2028}":
                flush()
            case "\u{0C}":
                flush()
                page += 1
            default:
                current.append(scalar)
            }
        }
        flush()
        self.lines = lines
        self.pageCount = page + 1
    }
}

extension UInt8 {
    var isDigitASCII: Bool { self >= 0x30 && self <= 0x39 }
    var isLetterASCII: Bool { (self >= 0x61 && self <= 0x7A) || (self >= 0x41 && self <= 0x5A) }
    var isAlphanumericASCII: Bool { isDigitASCII || isLetterASCII }
}

extension Unicode.Scalar {
    /// Letter case and letterhood with an ASCII fast path: OCR text is mostly
    /// ASCII, and the Unicode property tables cost a call each.
    var isUppercaseLetter: Bool {
        if isASCII { return ("A"..."Z").contains(self) }
        return properties.isUppercase
    }

    var isLowercaseLetter: Bool {
        if isASCII { return ("a"..."z").contains(self) }
        return properties.isLowercase
    }

    var isLetter: Bool {
        if isASCII { return ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
        return properties.isAlphabetic
    }

    /// A letter or a digit: the line says something.
    var carriesText: Bool { isLetter || ("0"..."9").contains(self) }
}
