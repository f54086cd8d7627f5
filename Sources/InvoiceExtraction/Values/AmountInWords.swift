/// The amount-in-words line as it was printed, with the diacritics OCR lost
/// put back.
///
/// Once the words have been read as a number, each one is known exactly, and
/// so is its spelling: "bay" can only be "bảy", and "muoi" is "mươi" after a
/// digit ("hai mươi") and "mười" otherwise. The printer's choices between
/// synonyms (nghìn/ngàn, linh/lẻ, "chẵn" or not) are kept as printed.
extension VietnameseNumberWords {
    private static let spelling: [String: String] = [
        "khong": "không", "mot": "một", "hai": "hai", "ba": "ba", "bon": "bốn", "tu": "tư", "nam": "năm",
        "lam": "lăm", "nham": "nhăm", "sau": "sáu", "bay": "bảy", "tam": "tám", "chin": "chín",
        "linh": "linh", "le": "lẻ", "tram": "trăm", "nghin": "nghìn", "ngan": "ngàn", "trieu": "triệu",
        "ty": "tỷ", "ti": "tỉ", "dong": "đồng", "chan": "chẵn", "va": "và",
    ]

    private static let digitWords: Set<String> = ["hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin"]

    /// The printed words with their spelling restored, from the first number
    /// word to "đồng"/"chẵn"; `nil` when the text does not read as a number.
    static func restoredText(_ text: String) -> String? {
        guard parse(text) != nil else { return nil }
        var output: [String] = []
        var previous: String?
        var previousTens = false
        for raw in foldedWords(text) {
            guard let word = normalizedWord(raw) else {
                if output.isEmpty || raw.count == 1 { continue }   // label words before the number; specks
                break
            }
            if output.isEmpty && !(isNumberWord(word) && !["dong", "chan", "vnd", "d", "viet", "le", "linh"].contains(word)) {
                continue
            }
            if ["vnd", "d", "viet"].contains(word) { break }
            if previous == "dong" && word != "chan" { break }
            var printed: String
            switch word {
            case "muoi":
                // "mươi" multiplies the digit before it; alone it is "mười" (ten).
                let afterDigit = previous.map(digitWords.contains) ?? false
                printed = afterDigit ? "mươi" : "mười"
                previousTens = afterDigit
            case "mot":
                printed = previous == "muoi" && previousTens ? "mốt" : "một"
            default:
                printed = spelling[word] ?? word
            }
            if word != "muoi" { previousTens = false }
            output.append(printed)
            previous = word
            if word == "chan" { break }
        }
        guard !output.isEmpty else { return nil }
        output[0] = output[0].capitalizedFirst
        return output.joined(separator: " ")
    }

    /// Spells an amount the way a printer would, following the printed text's
    /// choices of synonyms; used to rebuild a words line that OCR damaged
    /// beyond reading when the total it states is proven by other fields.
    static func spell(_ value: Int64, like printed: String) -> String {
        let words = Set(foldedWords(printed))
        let thousand = words.contains("ngan") ? "ngàn" : "nghìn"
        let zeroTens = words.contains("le") && !words.contains("linh") ? "lẻ" : "linh"
        let four = words.contains("tu") ? "tư" : "bốn"
        let billion = words.contains("ti") ? "tỉ" : "tỷ"
        let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
        func group(_ v: Int64, full: Bool) -> [String] {
            let h = Int(v / 100), t = Int(v / 10 % 10), u = Int(v % 10)
            var out: [String] = []
            if full || h > 0 { out += [digits[h], "trăm"] }
            switch t {
            case 0:
                if u > 0 { out += out.isEmpty ? [digits[u]] : [zeroTens, digits[u]] }
            case 1:
                out.append("mười")
                if u > 0 { out.append(u == 5 ? "lăm" : digits[u]) }
            default:
                out += [digits[t], "mươi"]
                if u > 0 { out.append(u == 1 ? "mốt" : u == 5 ? "lăm" : u == 4 ? four : digits[u]) }
            }
            return out
        }
        func below(_ n: Int64, leading: Bool) -> [String] {
            var out: [String] = []
            for (v, scale) in [(n / 1_000_000, "triệu"), (n / 1_000 % 1_000, thousand), (n % 1_000, "")] where v > 0 {
                out += group(v, full: !(leading && out.isEmpty))
                if !scale.isEmpty { out.append(scale) }
            }
            return out
        }
        var out: [String] = []
        if value == 0 {
            out = ["không"]
        } else {
            let billions = value / 1_000_000_000
            if billions > 0 { out += below(billions, leading: true) + [billion] }
            out += below(value % 1_000_000_000, leading: out.isEmpty)
        }
        if words.contains("dong") { out.append("đồng") }
        if words.contains("chan") { out.append("chẵn") }
        out[0] = out[0].capitalizedFirst
        return out.joined(separator: " ")
    }

    /// Share of the spelled words found, in order, in the printed text (0…1).
    static func agreement(_ spelled: String, _ printed: String) -> Double {
        let a = foldedWords(spelled), b = foldedWords(printed).compactMap(normalizedWordOrSelf)
        guard !a.isEmpty else { return 0 }
        // Longest common subsequence of words.
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() { current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j]) }
            previous = current
        }
        return Double(previous[b.count]) / Double(a.count)
    }

    private static func normalizedWordOrSelf(_ word: String) -> String? { normalizedWord(word) ?? word }
}
