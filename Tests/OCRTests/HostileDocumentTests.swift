import Foundation
@testable import OCR
import TestSupport
import Testing

/// Issue 13, items 4, 8 and 13: a document may lie about its size page by page, and the
/// tools that read PDFs must see neither the daemon's secrets nor a page bigger than it said.
@Suite struct HostileDocumentTests {
    /// A 1×1 first page and a second page whose own header claims 20000×20000: the second
    /// is refused from its header, never decoded (the old path decoded it first: 575 MB).
    @Test func tiffWhoseSecondPageClaimsAGiantSize_isRefusedFromThatPagesHeader() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("lying.tif")
        try tiff(pages: [(1, 1), (20_000, 20_000)]).write(to: URL(fileURLWithPath: path))
        let header = try PageLoader.header(of: path)
        #expect(header.pages == 2)
        #expect(header.megapixels < 1)
        _ = try PageLoader.load(path: path, page: 0, header: header, maxMegapixels: 60)
        #expect(throws: OCRError.tooLarge(width: 20_000, height: 20_000, limitMegapixels: 60)) {
            try PageLoader.load(path: path, page: 1, header: header, maxMegapixels: 60)
        }
    }

    /// pdfinfo's page size is the crop box; the page is rendered within the same box, so a
    /// tiny crop box over a huge media box cannot render past the pixel limit.
    @Test func pdfWithATinyCropBoxOverAHugeMediaBox_rendersTheCropBox() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("cropped.pdf")
        try Data("""
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 3000 3000] /CropBox [0 0 100 100] >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """.utf8).write(to: URL(fileURLWithPath: path))
        // pdfinfo and pdftoppm are waited for, as on a worker's thread.
        let folder = dir.path
        let image = try await onWorkerThread {
            try PDFDocument(path: path, timeout: 30, maxPages: 10).render(page: 1, into: folder, maxMegapixels: 60)
        }
        let header = try PageLoader.header(of: image)
        // 100 pt at 300 dpi is 417 px; the media box would have been 12500.
        #expect(header.width < 500 && header.height < 500)
    }

    /// The daemon's environment holds GROQ_API_KEY; poppler's tools run with none of it.
    @Test func popplerTools_runWithAnEmptyEnvironment() throws {
        setenv("INVOICED_SECRET_PROBE", "must-not-leak", 1)
        defer { unsetenv("INVOICED_SECRET_PROBE") }
        let out = try ToolRunner.run("/usr/bin/env", [], timeout: 10)
        #expect(out.status == 0)
        #expect(!out.stdout.contains("must-not-leak"))
        #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}

/// A little-endian, uncompressed 8-bit grey TIFF whose pages have the given sizes in their
/// headers and at most 16 bytes of pixels each (the rest of a big page is "missing").
func tiff(pages: [(width: UInt32, height: UInt32)]) -> Data {
    var file = Data("II".utf8) + Data([42, 0]) + le32(8)
    for (index, page) in pages.enumerated() {
        let entries: [(UInt16, UInt16, UInt32)] = [  // tag, type (3 short, 4 long), value
            (256, 4, page.width), (257, 4, page.height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 0), (277, 3, 1), (278, 4, page.height), (279, 4, page.width &* page.height),
        ]
        let ifdSize = 2 + entries.count * 12 + 4
        let pixelsAt = UInt32(file.count + ifdSize)
        let pixels = Data(repeating: 0x80, count: Int(min(page.width * page.height, 16)))
        let nextIFD = index == pages.count - 1 ? 0 : pixelsAt + UInt32(pixels.count)
        file += le16(UInt16(entries.count))
        for (tag, type, value) in entries {
            file += le16(tag) + le16(type) + le32(1)
            let stored = tag == 273 ? pixelsAt : value
            file += type == 3 ? le16(UInt16(stored)) + le16(0) : le32(stored)
        }
        file += le32(nextIFD) + pixels
    }
    return file
}

private func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
private func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
