/// Folding of Unicode scalars to lower-case ASCII, the form in which labels are matched.
///
/// Tesseract's `vie` model often drops or garbles the diacritics of headings
/// ("HOA DON GIA TRI GIA TANG"), so every comparison with a label happens on
/// text with the diacritics removed. The table is written out by hand instead
/// of asking Foundation for a canonical decomposition: it keeps the module free
/// of locale behaviour and makes folding a single dictionary look-up per scalar.
enum FoldTable {
    /// Folded byte for a scalar, or `nil` when the scalar carries no text of its
    /// own (a combining mark that belonged to the previous letter).
    static func fold(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(value)
            if byte >= 0x41 && byte <= 0x5A { return byte + 0x20 }
            if byte == 0x09 { return 0x20 }
            return byte
        }
        // Combining diacritical marks: text in decomposed form (NFD) keeps its
        // tone marks as separate scalars; they fold to nothing.
        if (0x0300...0x036F).contains(value) { return nil }
        if let mapped = table[value] { return mapped }
        return 0x7E  // "~": some other symbol; never part of a label or a number.
    }

    /// Variants of each base letter: Vietnamese vowels with every tone, the
    /// Latin-1 and Latin Extended-A letters of European invoices, and the look-alikes
    /// Tesseract emits for "Đ" (Icelandic eth).
    private static let variants: [(Character, String)] = [
        ("a", "àáảãạăằắẳẵặâầấẩẫậäåāą" + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄ"),
        ("e", "èéẻẽẹêềếểễệëēėęě" + "ÈÉẺẼẸÊỀẾỂỄỆËĒĖĘĚ"),
        ("i", "ìíỉĩịîïīįı" + "ÌÍỈĨỊÎÏĪĮİ"),
        ("o", "òóỏõọôồốổỗộơờớởỡợöøōő" + "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌŐ"),
        ("u", "ùúủũụưừứửữựûüūůűų" + "ÙÚỦŨỤƯỪỨỬỮỰÛÜŪŮŰŲ"),
        ("y", "ỳýỷỹỵÿ" + "ỲÝỶỸỴŸ"),
        ("d", "đðďĐÐĎ"),
        ("c", "çćčÇĆČ"),
        ("n", "ñńňÑŃŇ"),
        ("s", "śšşßŚŠŞ"),
        ("z", "źżžŹŻŽ"),
        ("l", "łŁ"),
        ("r", "řŘ"),
        ("t", "ťţŤŢ"),
        ("g", "ğĞ"),
        // Typographic punctuation folds to its ASCII cousin so that
        // "1–2" or "Số (No.)" with odd quotes still tokenises the same way.
        ("-", "–—‐‑−"),
        ("'", "‘’‚′"),
        ("\"", "“”„″"),
        (" ", "\u{00A0}\u{2007}\u{2009}\u{202F}\u{3000}"),
        (":", "："),
    ]

    private static let table: [UInt32: UInt8] = {
        var result: [UInt32: UInt8] = [:]
        for (base, letters) in variants {
            let byte = base.asciiValue!
            for scalar in letters.unicodeScalars { result[scalar.value] = byte }
        }
        return result
    }()
}
