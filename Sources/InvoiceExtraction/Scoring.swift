/// How `confidence_score` and `field_confidence` are computed.
///
/// The score is meant to be read as "may this invoice be booked without a
/// human looking at it": on the test corpus every document scored 0.9 or more
/// has every field right. It is built in three steps.
///
/// 1. **Evidence per field** (set by the field finders): how the value was
///    found (a strong label on its line ~0.9–0.95, the line below or a column
///    of values a little less, a position on the page 0.6–0.85) and what
///    verified it. Verification outweighs the label: subtotal + VAT = total,
///    VAT = subtotal × rate and the amount in words lift the money fields to
///    0.95–0.99; a failed check drops them to 0.3–0.4. A tax code that passes
///    its check digit gets 0.99, one that fails 0.35. A series of the Circular
///    78 shape gets 0.97.
/// 2. **Reading quality.** Checks that compare independent figures do not
///    depend on how clean the scan was, but names, numbers and dates that no
///    check covers do. Their confidence is scaled by the OCR quality: from
///    Tesseract's mean word confidence when given (60 → 0, 90 → 1), and from
///    the share of stray symbols in the text (speckles and rules read as
///    `¬ ˆ „ _ |`) either way. A name with a word Vietnamese spelling rules out
///    without its diacritics ("LUC", "THUONG": a syllable ending in c/ch/p/t, or
///    with "uo"/"ie", needs marks) is marked down, and so is one whose
///    diacritics had to be restored.
/// 3. **Document score**: 0.6 × the weighted mean of the field confidences +
///    0.4 × the lowest of them, so one doubtful field is enough to keep a
///    document under 0.9. A field that is missing counts as 0 when the
///    invoice cannot lack it (number, date, seller, total) or when its label
///    was printed; a field the document does not print (no buyer tax code on a
///    receipt) is left out. Each contradiction (sum, words, check digit) caps
///    the score at 0.75.
enum Scoring {
    /// Weight of each field in the document score.
    static let weights: [InvoiceField: Double] = [
        .totalAmount: 3, .sellerName: 2, .invoiceNumber: 2, .invoiceDate: 2, .sellerTaxCode: 1.5,
        .buyerName: 1.5, .subtotal: 1, .vatAmount: 1, .vatRate: 1, .buyerTaxCode: 1, .invoiceSeries: 1,
        .invoiceType: 1, .currency: 0.5, .amountInWords: 0.5,
    ]

    /// Fields no invoice lacks.
    static let required: Set<InvoiceField> = [.invoiceNumber, .invoiceDate, .sellerName, .totalAmount]

    /// Fields whose confidence rests on reading the text right rather than on a cross-check.
    static let readingDependent: Set<InvoiceField> = [
        .invoiceNumber, .invoiceDate, .sellerName, .buyerName, .invoiceSeries, .invoiceType,
    ]

    /// Reading quality 0…1 from Tesseract's confidence and from the text itself.
    static func readingQuality(ocrConfidence: Double?, text: DocumentText) -> Double {
        var quality = textCleanliness(text)
        if let ocr = ocrConfidence {
            quality = min(quality, max(0, min(1, (ocr - 60) / 30)))
        }
        return quality
    }

    /// 1 for clean text; lower as stray symbols (speckles, table rules, blur
    /// read as punctuation) take a larger share of the characters.
    static func textCleanliness(_ text: DocumentText) -> Double {
        var total = 0, debris = 0
        for line in text.lines {
            for scalar in line.scalars where scalar != " " {
                total += 1
                if !scalar.carriesText, debrisSymbols.contains(scalar) { debris += 1 }
            }
        }
        guard total > 0 else { return 0 }
        let ratio = Double(debris) / Double(total)
        return max(0, min(1, 1 - ratio * 40))
    }

    private static let debrisSymbols: Set<Unicode.Scalar> = Set("‘’“”„`¬ˆ~_|*°•»«<>{}[]^\\—–…".unicodeScalars)

    /// Scales reading-dependent confidences by the reading quality and names by
    /// their spelling; returns the final per-field confidences.
    static func fieldConfidences(_ raw: [InvoiceField: Double], names: [InvoiceField: String], quality: Double, vietnamese: Bool)
        -> [InvoiceField: Double] {
        var result: [InvoiceField: Double] = [:]
        for (field, value) in raw {
            var confidence = value
            if readingDependent.contains(field) {
                confidence *= 0.8 + 0.2 * quality
            } else {
                confidence *= 0.97 + 0.03 * quality
            }
            if let name = names[field], looksVietnamese(name) {
                if hasImpossibleSpelling(name) {
                    confidence *= 0.7
                } else if hasUnexpectedPlainWord(name) {
                    confidence *= 0.85
                }
            }
            result[field] = (confidence * 1000).rounded() / 1000
        }
        return result
    }

    /// The document score (see the type's documentation).
    static func documentScore(_ confidences: [InvoiceField: Double], missing: [InvoiceField: Bool], contradictions: Int) -> Double {
        var weighted = 0.0, totalWeight = 0.0, lowest = 1.0
        // In the fields' declared order: a Dictionary's order changes from one process to the
        // next, and floating-point sums with it (0.924 in one run, 0.925 in the next).
        for field in InvoiceField.allCases {
            guard let weight = weights[field] else { continue }
            let confidence: Double
            if let value = confidences[field] {
                confidence = value
            } else if required.contains(field) || missing[field] == true {
                confidence = 0
            } else {
                continue
            }
            weighted += weight * confidence
            totalWeight += weight
            lowest = min(lowest, confidence)
        }
        guard totalWeight > 0 else { return 0 }
        var score = 0.6 * (weighted / totalWeight) + 0.4 * lowest
        if contradictions > 0 { score = min(score, 0.75) }
        return (max(0, min(1, score)) * 1000).rounded() / 1000
    }

    /// A Vietnamese name: it has Vietnamese letters, or is an organisation
    /// whose marker is Vietnamese ("CONG TY", "TNHH") even with its marks lost.
    static func looksVietnamese(_ name: String) -> Bool {
        if name.unicodeScalars.contains(where: { $0.value >= 0xC0 && $0.isLetter }) { return true }
        let folded = VietnameseNumberWords.foldedWords(name)
        return folded.contains("tnhh") || zip(folded, folded.dropFirst()).contains { $0 == "cong" && $1 == "ty" }
    }

    /// Syllables that Vietnamese names commonly carry with no diacritic at all.
    /// Any other plain syllable in a name whose other words have marks
    /// suggests marks lost to OCR ("CẦU GIAY", "Hoàng Thu Thao").
    private static let plainSyllables: Set<String> = [
        // Given-name and place syllables whose unmarked spelling is the usual one.
        "anh", "duy", "gia", "giang", "hoa", "hoai", "huy", "khang", "khoa", "kim", "lan", "linh", "loan", "long",
        "mai", "minh", "nam", "nga", "nhi", "phong", "quang", "sao", "thu", "tin", "trang", "trung", "vinh", "xanh",
        // Abbreviations and loanwords common in organisation names.
        "ty", "tnhh", "tp", "khu", "mini", "logistics", "group", "mart", "vnpt", "evn", "fpt", "bio", "tech", "home",
        "hotel", "coffee", "spa",
    ]

    /// A plain-ASCII word outside `plainSyllables` in a Vietnamese name.
    static func hasUnexpectedPlainWord(_ name: String) -> Bool {
        for word in name.split(separator: " ") where word.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let w = word.lowercased().filter(\.isLetter)
            guard w.count >= 2, w.contains(where: { "aeiouy".contains($0) }) else { continue }
            if !plainSyllables.contains(w) { return true }
        }
        return false
    }

    /// A word printed without diacritics that Vietnamese spelling requires
    /// them for: a syllable closed by c, ch, p or t takes a sắc or nặng tone,
    /// and "uo", "ie", "ye" are always written "uô/ươ", "iê", "yê".
    static func hasImpossibleSpelling(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        // Names in another language (English, or a brand) are not judged.
        let vietnameseLetters = name.unicodeScalars.contains { $0.value >= 0xC0 }
        guard vietnameseLetters else { return false }
        for word in words where word.unicodeScalars.allSatisfy({ $0.isASCII }) && word.count >= 2 {
            let w = word.lowercased()
            guard w.allSatisfy(\.isLetter) else { continue }
            let vowels = w.filter { "aeiouy".contains($0) }
            guard !vowels.isEmpty else { continue }   // TNHH, VNPT
            if w.hasSuffix("c") || w.hasSuffix("ch") || w.hasSuffix("p") || w.hasSuffix("t") { return true }
            if w.contains("uo") || w.contains("ie") || w.contains("ye") { return true }
        }
        return false
    }
}
