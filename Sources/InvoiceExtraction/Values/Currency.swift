/// Currency marks written next to amounts or in the document.
enum CurrencyDetector {
    /// ISO code for a currency symbol.
    static func symbolCurrency(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "$": return "USD"
        case "€": return "EUR"
        case "£": return "GBP"
        case "₹": return "INR"
        case "¥": return "JPY"
        case "₫": return "VND"
        default: return nil
        }
    }

    private static let codes: Set<String> = [
        "usd", "eur", "gbp", "inr", "vnd", "jpy", "sgd", "aud", "cad", "chf", "cny", "krw", "thb", "hkd",
    ]

    /// Upper-case ISO code for a folded word that is one.
    static func isoCode(_ word: String) -> String? {
        codes.contains(word) ? word.uppercased() : nil
    }

    /// Currency for a folded word written right after an amount ("đ", "VND",
    /// "dong", "USD"). A bare "d" is taken as "đ": OCR drops the bar, and no
    /// other currency is written that way.
    static func suffixCurrency(_ word: String) -> String? {
        if let code = isoCode(word) { return code }
        switch word {
        case "d", "dong", "vnd": return "VND"
        case "rs": return "INR"
        default: return nil
        }
    }
}
