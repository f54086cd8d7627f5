import Foundation

/// Text compared the way OCR output must be: lower case, without diacritics, `đ` as `d`
/// (Tesseract drops the marks of bold Vietnamese headings).
public func folded(_ text: String) -> String {
    text.lowercased().replacingOccurrences(of: "đ", with: "d")
        .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
}

/// The words of `expected` that `text` does not contain, compared folded.
public func missingWords(_ expected: [String], in text: String) -> [String] {
    let haystack = folded(text)
    return expected.filter { !haystack.contains(folded($0)) }
}
