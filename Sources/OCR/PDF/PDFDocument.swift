import Foundation

/// A PDF read through poppler's tools: its pages, their sizes, and per page either the
/// text layer (born-digital e-invoices: exact and fast) or a rendering to OCR.
struct PDFDocument {
    let path: String
    /// Seconds any one tool run may take.
    let timeout: Double
    /// Page count from `pdfinfo`.
    let pages: Int
    /// Page sizes in points, by page number from 1.
    let sizes: [Int: (width: Double, height: Double)]

    /// Opens the PDF's metadata; encrypted, broken and page-bomb PDFs fail with a clear reason.
    init(path: String, timeout: Double, maxPages: Int) throws(OCRError) {
        self.path = path
        self.timeout = timeout
        let info = try ToolRunner.run("/usr/bin/pdfinfo", ["-l", "\(maxPages)", path], timeout: timeout)
        if info.status != 0 {
            if info.stderr.localizedCaseInsensitiveContains("password") {
                throw .unreadableImage("an encrypted PDF that needs a password; send it unprotected")
            }
            let detail = info.stderr.split(separator: "\n").first.map(String.init) ?? "pdfinfo failed"
            throw .unreadableImage("a damaged PDF (\(detail))")
        }
        var pages = 0
        var sizes: [Int: (Double, Double)] = [:]
        for line in info.stdout.split(separator: "\n") {
            if line.hasPrefix("Pages:") { pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0 }
            // "Page    1 size: 595.276 x 841.89 pts (A4)"
            if line.hasPrefix("Page "), line.contains(" size: ") {
                let parts = line.split(separator: " ")
                if let number = Int(parts[1]), let sizeIndex = parts.firstIndex(of: "size:"), parts.count > sizeIndex + 3,
                   let width = Double(parts[sizeIndex + 1]), let height = Double(parts[sizeIndex + 3]) {
                    sizes[number] = (width, height)
                }
            }
        }
        guard pages > 0 else { throw .unreadableImage("a PDF without pages") }
        if pages > maxPages {
            throw .tooManyPages(pages: pages, limit: maxPages)
        }
        self.pages = pages
        self.sizes = sizes
    }

    /// The text layer of page `number` (from 1), empty when the page is a scan.
    func text(page number: Int) throws(OCRError) -> String {
        let out = try ToolRunner.run("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", "-f", "\(number)", "-l", "\(number)", path, "-"],
                                     timeout: timeout)
        guard out.status == 0 else { return "" }
        return out.stdout
    }

    /// Renders page `number` to a grayscale PNG in `folder` at up to 300 dpi (`dpi`), lowered
    /// to stay under the pixel limit; returns its path.
    func render(page number: Int, into folder: String, maxMegapixels: Double, dpi maxDPI: Double = 300) throws(OCRError) -> String {
        let size = sizes[number] ?? (595, 842)
        let pointsSquared = size.width * size.height
        var dpi = maxDPI
        let megapixels = { (dpi: Double) in pointsSquared * (dpi / 72) * (dpi / 72) / 1_000_000 }
        if megapixels(dpi) > maxMegapixels { dpi = (maxMegapixels * 1_000_000 / pointsSquared).squareRoot() * 72 }
        if dpi < min(100, maxDPI) {
            throw .tooLarge(width: Int(size.width / 72 * 300), height: Int(size.height / 72 * 300), limitMegapixels: maxMegapixels)
        }
        let prefix = "\(folder)/page-\(number)"
        // -cropbox: the size above is pdfinfo's, which is the crop box; rendering the media box
        // instead let a 437-byte PDF with a tiny crop box and a huge media box render at
        // 12500×12500 past the pixel limit.
        let out = try ToolRunner.run("/usr/bin/pdftoppm", ["-r", "\(Int(dpi))", "-cropbox", "-gray", "-png", "-singlefile", "-f", "\(number)", "-l", "\(number)", path, prefix],
                                     timeout: timeout)
        guard out.status == 0, FileManager.default.fileExists(atPath: prefix + ".png") else {
            throw .unreadableImage("page \(number) of the PDF cannot be rendered (\(out.stderr.prefix(200)))")
        }
        return prefix + ".png"
    }
}
