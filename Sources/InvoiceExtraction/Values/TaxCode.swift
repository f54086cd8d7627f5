/// Vietnamese tax codes (mã số thuế): ten digits, the tenth a check digit, or
/// thirteen for a branch ("0314409058-002").
enum TaxCode {
    private static let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]

    /// The check digit the first nine digits call for, or `nil` when their
    /// weighted sum is a multiple of 11 (no valid code has such a prefix).
    static func checkDigit(_ firstNine: [Int]) -> Int? {
        guard firstNine.count == 9 else { return nil }
        var sum = 0
        for (digit, weight) in zip(firstNine, weights) { sum += digit * weight }
        let remainder = sum % 11
        guard remainder != 0 else { return nil }
        return 10 - remainder
    }

    /// Whether a normalised code ("0100233488" or "0314409058-002") is valid.
    static func isValid(_ code: String) -> Bool {
        let digits = code.compactMap { $0.wholeNumberValue }
        let plain = code.filter { $0 != "-" }
        guard plain.count == digits.count, digits.count == 10 || digits.count == 13 else { return false }
        guard let check = checkDigit(Array(digits.prefix(9))) else { return false }
        return digits[9] == check
    }

    /// Normalises a printed code: keeps digits, accepts the letters OCR puts in
    /// place of digits, drops spaces between boxed digits, and formats a branch
    /// code with its dash. Returns `nil` unless 10 or 13 digits remain.
    ///
    /// - Returns: the code and whether a letter had to be read as a digit.
    static func normalize(_ printed: String) -> (code: String, repaired: Bool)? {
        var digits: [Character] = []
        var repaired = false
        for ch in printed {
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else if let digit = OCRDigits.digit(forConfusable: ch) {
                digits.append(digit)
                repaired = true
            } else if ch == " " || ch == "-" || ch == "." || ch == "–" {
                continue
            } else {
                return nil
            }
        }
        switch digits.count {
        case 10:
            return (String(digits), repaired)
        case 13:
            return (String(digits.prefix(10)) + "-" + String(digits.suffix(3)), repaired)
        default:
            return nil
        }
    }
}
