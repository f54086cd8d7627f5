import Foundation
import OCR
import TestSupport
import Testing

@Suite struct PageLoaderTests {
    @Test func header_ofAFixture_isReadWithoutDecoding() throws {
        let header = try PageLoader.header(of: Fixtures.invoice("vat-bilingual-01"))
        #expect(header.pages == 1)
        #expect(header.width > 1000 && header.height > 1400)
    }

    @Test func textNamedJPG_isNotAnImage() throws {
        let dir = try TemporaryDirectory()
        try Data("<html>not a scan</html>".utf8).write(to: URL(fileURLWithPath: dir.appending("x.jpg")))
        #expect(throws: OCRError.notAnImage) { try PageLoader.header(of: dir.appending("x.jpg")) }
        #expect(!OCRError.notAnImage.isTransient)
    }

    @Test func decompressionBomb_isRefusedFromItsHeader() throws {
        // A PNG that claims 30000×30000 pixels (900 MB decoded): the limit must refuse it
        // from its header, before any decoding is attempted.
        let dir = try TemporaryDirectory()
        try pngHeaderOnly(width: 30_000, height: 30_000).write(to: URL(fileURLWithPath: dir.appending("bomb.png")))
        let header = try PageLoader.header(of: dir.appending("bomb.png"))
        #expect(header.megapixels == 900)
        #expect(throws: OCRError.tooLarge(width: 30_000, height: 30_000, limitMegapixels: 60)) {
            try PageLoader.load(path: dir.appending("bomb.png"), page: 0, header: header, maxMegapixels: 60)
        }
        #expect(OCRError.tooLarge(width: 30_000, height: 30_000, limitMegapixels: 60).description.contains("30000×30000"))
    }

    @Test func truncatedPNG_isAnUnreadableImage() throws {
        let dir = try TemporaryDirectory()
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.invoice("vat-bilingual-01")))
        try whole.prefix(4000).write(to: URL(fileURLWithPath: dir.appending("cut.png")))
        do {
            let header = try PageLoader.header(of: dir.appending("cut.png"))
            _ = try PageLoader.load(path: dir.appending("cut.png"), page: 0, header: header, maxMegapixels: 60)
            Issue.record("a truncated PNG was decoded")
        } catch {
            guard case .unreadableImage = error else { Issue.record("wrong error: \(error)"); return }
            #expect(!error.isTransient)
        }
    }

    @Test func missingFile_isAnIOError() {
        #expect(throws: OCRError.self) { try PageLoader.header(of: "/nonexistent/scan.png") }
    }
}

/// A PNG signature and IHDR chunk (with a valid CRC) for an 8-bit grayscale image.
func pngHeaderOnly(width: UInt32, height: UInt32) -> Data {
    var ihdr = Data("IHDR".utf8)
    for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { ihdr.append(contentsOf: $0) } }
    ihdr.append(contentsOf: [8, 0, 0, 0, 0])
    var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    withUnsafeBytes(of: UInt32(13).bigEndian) { png.append(contentsOf: $0) }
    png.append(ihdr)
    withUnsafeBytes(of: crc32(ihdr).bigEndian) { png.append(contentsOf: $0) }
    // A token IDAT and IEND: libpng reads the header up to the first IDAT.
    for (type, payload) in [("IDAT", Data([0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), ("IEND", Data())] {
        withUnsafeBytes(of: UInt32(payload.count).bigEndian) { png.append(contentsOf: $0) }
        let chunk = Data(type.utf8) + payload
        png.append(chunk)
        withUnsafeBytes(of: crc32(chunk).bigEndian) { png.append(contentsOf: $0) }
    }
    return png
}

private func crc32(_ data: Data) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    return ~crc
}

@Suite struct ExifOrientationTests {
    @Test func sidewaysPhoneJPEG_isTurnedUprightWhenLoaded() throws {
        let path = "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats/exif-rotated.jpg"
        let header = try PageLoader.header(of: path)
        // Stored 802×600 (sideways); upright the receipt is taller than wide.
        #expect(header.width == 802 && header.height == 600)
        let page = try PageLoader.load(path: path, page: 0, header: header, maxMegapixels: 60)
        #expect(page.width == 600 && page.height == 802)
    }

    @Test func jpegWithoutOrientation_isLeftAlone() throws {
        let path = "\(Fixtures.repositoryRoot)/Tests/Fixtures/bad-inputs/cmyk.jpg"
        let header = try PageLoader.header(of: path)
        let page = try PageLoader.load(path: path, page: 0, header: header, maxMegapixels: 60)
        #expect(page.width == header.width && page.height == header.height)
    }
}
