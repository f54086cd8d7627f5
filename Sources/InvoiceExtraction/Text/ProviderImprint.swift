/// The e-invoice provider's imprint: the line at the foot (sometimes the head) of
/// every Vietnamese e-invoice naming the software that issued it, its maker and the
/// maker's own tax code, and where to look the invoice up: "Phát hành bởi phần mềm
/// hóa đơn điện tử …", "Giải pháp hóa đơn điện tử …", "Tra cứu hóa đơn tại …",
/// "Đơn vị cung cấp giải pháp hóa đơn điện tử: Công ty …, MST: 0101243150".
///
/// None of it is about the invoice, yet it holds everything a seller looks like (a
/// company, "Đơn vị cung cấp", a tax code) and trade words that sway the type
/// ("Viễn thông"). It is cut from the text before anything else reads it.
enum ProviderImprint {
    /// Folded word sequences that start an imprint; the imprint runs to the end of its line.
    private static let openings: [[String]] = [
        "phat hanh boi", "duoc phat hanh boi", "giai phap hoa don dien tu", "giai phap hoa don",
        "don vi cung cap giai phap", "cung cap giai phap hoa don", "don vi cung cap dich vu hoa don",
        "cung cap dich vu hoa don", "don vi cung cap phan mem", "cung cap boi", "duoc cung cap boi",
        "phan mem hoa don dien tu", "khoi tao tu phan mem", "duoc khoi tao tu", "hoa don dien tu duoc khoi tao",
        "tra cuu hoa don tai", "tra cuu hoa don dien tu tai", "tra cuu tai", "website tra cuu", "trang tra cuu",
        "tra cuu hoa don tai website", "de tra cuu hoa don", "provided by", "powered by", "e invoice solution",
        "einvoice solution", "thiet ke va phat trien boi",
    ].map { $0.split(separator: " ").map(String.init) }

    /// The folded offset in `line` where an imprint starts, or nil.
    static func start(in line: TextLine) -> Int? {
        let words = line.words
        for t in words.indices {
            for opening in openings where t + opening.count <= words.count {
                if words[t..<(t + opening.count)].elementsEqual(opening) { return line.tokens[t].range.lowerBound }
            }
        }
        return nil
    }

    /// A line that only continues the imprint above it: the maker's tax code or
    /// website wrapped onto the next line ("- MST: 0101243150 - www.misa.vn").
    static func isContinuation(_ line: TextLine) -> Bool {
        let words = line.words
        guard let first = words.first, words.count <= 12 else { return false }
        let startsWithDash = line.folded.first == UInt8(ascii: "-")
        return (startsWithDash && (words.contains("mst") || words.contains("www") || words.contains("http")))
            || (first == "www" || first == "http" || first == "https")
    }
}
