/// Characters Tesseract reads in place of digits.
///
/// Only used where the surrounding text is already known to be a number (an
/// amount after a money label, a tax code after "MST"): out of context "O" is a
/// letter and "l" is a word.
enum OCRDigits {
    static func digit(forConfusable ch: Character) -> Character? {
        switch ch {
        case "O", "o", "Q", "Ô", "Ơ", "ô", "ơ", "ó", "ò": return "0"
        case "l", "I", "|", "i", "!", "í", "ì", "]", "[": return "1"
        case "S", "s": return "5"
        case "B": return "8"
        case "Z", "z": return "2"
        default: return nil
        }
    }
}
