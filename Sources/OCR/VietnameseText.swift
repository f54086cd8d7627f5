import Foundation

/// Whether recognised text is Vietnamese, from the letters Tesseract put in it: the share of
/// its words (two letters or more) that carry a letter Vietnamese writing marks (ă â ê ô ơ ư,
/// a vowel with a tone mark, or đ). Read with `vie` alone, the Vietnamese fixtures score
/// 0.64 (bilingual VAT invoices) to 0.84, English and other European invoices 0.00 to 0.21
/// (French and German accents count too); the threshold sits between.
public enum VietnameseText {
    /// Shares at or above this are Vietnamese.
    public static let threshold = 0.4

    /// The share of marked words in `text`; nil when it has no word.
    public static func share(_ text: String) -> Double? {
        var words = 0
        var marked = 0
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 2 {
            words += 1
            if word.contains(where: isMarked) { marked += 1 }
        }
        return words == 0 ? nil : Double(marked) / Double(words)
    }

    /// Whether `text` reads as Vietnamese.
    public static func isVietnamese(_ text: String) -> Bool {
        (share(text) ?? 0) >= threshold
    }

    private static func isMarked(_ letter: Character) -> Bool {
        if letter == "đ" || letter == "Đ" { return true }
        // A letter with a diacritic decomposes into its base and combining marks.
        return letter.unicodeScalars.count > 1
            || String(letter).decomposedStringWithCanonicalMapping.unicodeScalars.count > 1
    }
}
