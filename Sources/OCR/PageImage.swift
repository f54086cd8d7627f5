import CTesseract
import Glibc

/// A decoded page, owning its Leptonica `PIX`. Not `Sendable`: it stays on the worker
/// thread that decoded it.
public final class PageImage {
    let pix: UnsafeMutablePointer<PIX>

    /// Width in pixels.
    public var width: Int { Int(pixGetWidth(pix)) }
    /// Height in pixels.
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Horizontal resolution from the file, 0 when it does not say.
    public var xResolution: Int { Int(pixGetXRes(pix)) }

    init(taking pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }
}

/// What an image file's header says, read without decoding its pixels.
public struct ImageHeader: Sendable, Equatable {
    /// Leptonica's format code (`IFF_PNG`, ...).
    public var format: Int32
    public var width: Int
    public var height: Int
    /// Number of pages (frames of a multi-page TIFF), 1 for other formats.
    public var pages: Int

    /// Megapixels of one page.
    public var megapixels: Double { Double(width) * Double(height) / 1_000_000 }
}

/// Loads pages from files, refusing what is not an image or too large before decoding it.
public enum PageLoader {
    /// Reads the header of `path`; throws `notAnImage` for other content.
    public static func header(of path: String) throws(OCRError) -> ImageHeader {
        // Leptonica prints its own errors to stderr; ours say the same in the job and the log.
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        var format: Int32 = 0
        var w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, cmap: Int32 = 0
        guard let file = fopen(path, "rb") else {
            throw .io(String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 16)
        let count = fread(&magic, 1, magic.count, file)
        let signature = ImageSignature.sniff(Array(magic.prefix(count)))
        rewind(file)
        var detected: Int32 = 0
        if findFileFormatStream(file, &detected) != 0 || detected == Int32(IFF_UNKNOWN) {
            // Leptonica did not recognise it: damaged if it starts like an image, else not one.
            guard let signature else { throw .notAnImage }
            throw .unreadableImage("a damaged or truncated \(signature.rawValue) file")
        }
        if pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0 {
            if signature == .bmp {
                throw .unreadableImage("a BMP that cannot be read (run-length compressed BMPs are not supported; save it as PNG)")
            }
            throw .unreadableImage("the \(signature?.rawValue ?? "image") header is damaged")
        }
        var pages: Int32 = 1
        if isTiff(format) {
            rewind(file)
            var count: Int32 = 0
            if tiffGetCount(file, &count) == 0, count > 0 { pages = count }
        }
        return ImageHeader(format: format, width: Int(w), height: Int(h), pages: Int(pages))
    }

    /// Decodes page `index` (0-based) of `path` after checking the pixel limit on its header.
    public static func load(path: String, page index: Int, header: ImageHeader,
                            maxMegapixels: Double) throws(OCRError) -> PageImage {
        if header.megapixels > maxMegapixels {
            throw .tooLarge(width: header.width, height: header.height, limitMegapixels: maxMegapixels)
        }
        let pix: UnsafeMutablePointer<PIX>?
        if isTiff(header.format) {
            // Each page of a TIFF has its own header, and the file's first says nothing of
            // the rest: a 6 MB file whose second page claimed 20000×20000 was decoded (575 MB)
            // before its size was seen. Check the page's own header first.
            var w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, res: Int32 = 0, cmap: Int32 = 0, format: Int32 = 0
            guard readHeaderTiff(path, Int32(index), &w, &h, &bps, &spp, &res, &cmap, &format) == 0, w > 0, h > 0 else {
                throw .unreadableImage("the header of TIFF page \(index + 1) is damaged")
            }
            if Double(w) * Double(h) / 1_000_000 > maxMegapixels {
                throw .tooLarge(width: Int(w), height: Int(h), limitMegapixels: maxMegapixels)
            }
            pix = pixReadTiff(path, Int32(index))
        } else {
            pix = pixRead(path)
        }
        guard let pix else {
            throw .unreadableImage("Leptonica could not decode page \(index + 1)")
        }
        var page = PageImage(taking: pix)
        if header.format == Int32(IFF_JFIF_JPEG) {
            let degrees = ExifOrientation.uprightRotation(ofJPEGAt: path)
            if degrees != 0, let turned = page.rotated(clockwise: degrees) { page = turned }
        }
        // A multi-page TIFF's later pages may be larger than the first header said.
        if Double(page.width) * Double(page.height) / 1_000_000 > maxMegapixels {
            throw .tooLarge(width: page.width, height: page.height, limitMegapixels: maxMegapixels)
        }
        return page
    }

    private static func isTiff(_ format: Int32) -> Bool {
        [IFF_TIFF, IFF_TIFF_PACKBITS, IFF_TIFF_RLE, IFF_TIFF_G3, IFF_TIFF_G4, IFF_TIFF_LZW,
         IFF_TIFF_ZIP, IFF_TIFF_JPEG].contains(Int(format))
    }
}
