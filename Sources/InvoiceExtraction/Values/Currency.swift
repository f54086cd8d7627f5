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
        "myr", "idr", "php", "nzd", "sek", "nok", "dkk", "pln", "czk", "twd",
    ]

    /// Currencies written by a local abbreviation rather than their ISO code: "RM 8.70"
    /// (ringgit), "S$" is caught as "$" preceded by "s" (see `prefixCurrency`).
    static func localAbbreviation(_ word: String) -> String? {
        switch word {
        case "rm", "ringgit": return "MYR"
        case "rs", "inr", "rupees": return "INR"
        case "rp", "rupiah": return "IDR"
        default: return nil
        }
    }

    /// The currency of the country a document names, for a document that writes no
    /// currency against its amounts (a Malaysian receipt prints "SDN BHD" and "TOTAL",
    /// not "RM" on every line). Folded word pairs and words.
    static func countryCurrency(_ folded: [String]) -> String? {
        let words = Set(folded)
        var pairs: Set<String> = []
        for i in folded.indices.dropLast() { pairs.insert(folded[i] + " " + folded[i + 1]) }
        // Malaysian addresses ("JALAN …", "TAMAN …", the states) and company suffixes.
        let malaysian: Set<String> = ["malaysia", "ringgit", "bhd", "jalan", "jln", "taman", "selangor", "johor", "kuala",
                                      "penang", "pulau", "sabah", "sarawak", "perak", "kedah", "melaka", "pahang", "negeri"]
        if pairs.contains("sdn bhd") || !words.isDisjoint(with: malaysian) { return "MYR" }
        if pairs.contains("pte ltd") || words.contains("singapore") { return "SGD" }
        if words.contains("gstin") || words.contains("india") { return "INR" }
        // The euro area's tax words and invoice titles, on a document that writes no currency at all.
        let euro: Set<String> = ["mwst", "ust", "btw", "tva", "iva", "rechnung", "rechnungsbetrag", "factuur", "facture",
                                 "fattura", "factura", "deutschland", "nederland", "belgique", "osterreich", "euro"]
        if !words.isDisjoint(with: euro) { return "EUR" }
        return nil
    }

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
        default: return localAbbreviation(word)
        }
    }
}
