import CTesseract
import Foundation
import Glibc

/// A page of an archived original as a PNG a browser shows beside the fields: a PDF page
/// rendered by poppler, an image page (a TIFF's too) decoded by Leptonica, either scaled to
/// at most `maxWidth` pixels wide. Blocking: run it off the cooperative pool.
public enum PagePreview {
    /// Pages a preview serves at most, and the pixels a page may have: the pipeline read
    /// this file within `ocr.max_megapixels`; these bounds only guard a file put in the
    /// archive by hand.
    static let maxPages = 200
    static let maxMegapixels = 200.0

    /// Page `page` (from 1) of `path` as PNG bytes.
    public static func png(of path: String, page: Int, maxWidth: Int = 1400) throws(OCRError) -> [UInt8] {
        if DocumentReader.isPDF(path) { return try pdfPage(path, page: page, maxWidth: maxWidth) }
        let header = try PageLoader.header(of: path)
        guard (1...header.pages).contains(page) else { throw .unreadableImage("there is no page \(page): the file has \(header.pages)") }
        let image = try PageLoader.load(path: path, page: page - 1, header: header, maxMegapixels: maxMegapixels)
        return try encoded(image, maxWidth: maxWidth)
    }

    private static func pdfPage(_ path: String, page: Int, maxWidth: Int) throws(OCRError) -> [UInt8] {
        let pdf = try PDFDocument(path: path, timeout: 30, maxPages: maxPages)
        guard (1...pdf.pages).contains(page) else { throw .unreadableImage("there is no page \(page): the PDF has \(pdf.pages)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("invoiced-preview-\(UUID().uuidString)").path
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) } catch {
            throw .io("cannot make a scratch folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Enough dots for the page's width to reach maxWidth: A4 (595 pt) at 1400 px is 169 dpi.
        let width = pdf.sizes[page]?.width ?? 595
        let dpi = min(300, Double(maxWidth) / width * 72)
        let rendered = try pdf.render(page: page, into: folder, maxMegapixels: maxMegapixels, dpi: dpi)
        guard let bytes = FileManager.default.contents(atPath: rendered) else { throw .io("the rendered page went missing") }
        return Array(bytes)
    }

    private static func encoded(_ image: PageImage, maxWidth: Int) throws(OCRError) -> [UInt8] {
        var scaled: UnsafeMutablePointer<PIX>? = nil
        if image.width > maxWidth {
            let factor = Float(maxWidth) / Float(image.width)
            scaled = pixScale(image.pix, factor, factor)
        }
        defer { if scaled != nil { pixDestroy(&scaled) } }
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMem(&data, &size, scaled ?? image.pix, Int32(IFF_PNG)) == 0, let data else {
            throw .unreadableImage("the page cannot be written as PNG")
        }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
