/// Why a document could not be read.
public enum OCRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The content is not an image format Leptonica reads (the name's extension is ignored).
    case notAnImage
    /// The image's header says it is larger than the pixel limit; it was not decoded.
    case tooLarge(width: Int, height: Int, limitMegapixels: Double)
    /// A document format the daemon does not read (yet).
    case unsupportedFormat(String)
    /// The header is readable but the pixels are not (truncated or corrupt file).
    case unreadableImage(String)
    /// More pages than `ocr.max_pages`: refused whole rather than read in part.
    case tooManyPages(pages: Int, limit: Int)
    /// The file could not be opened or read.
    case io(String)
    /// Recognition ran past the page deadline.
    case deadlineExceeded(seconds: Double)
    /// Recognition was stopped because the daemon is shutting down.
    case cancelled
    /// Tesseract reported a failure while recognising.
    case recognitionFailed(String)

    public var description: String {
        switch self {
        case .notAnImage:
            return "not an image: the content is not PNG, JPEG, TIFF, BMP, GIF, WebP or PNM"
        case let .tooLarge(width, height, limit):
            return "image too large: \(width)×\(height) pixels is over the limit of \(formatted(limit)) megapixels (ocr.max_megapixels)"
        case let .unsupportedFormat(format):
            return "unsupported format: \(format) documents are not read; send the pages as images (PNG, JPEG, TIFF)"
        case let .unreadableImage(detail):
            return "unreadable image (truncated or corrupt): \(detail)"
        case let .tooManyPages(pages, limit):
            return "too many pages: \(pages), over the limit of \(limit) (ocr.max_pages); split the document"
        case let .io(detail):
            return "cannot read the file: \(detail)"
        case let .deadlineExceeded(seconds):
            return "OCR deadline exceeded: a page took more than \(formatted(seconds)) s (ocr.page_timeout_seconds)"
        case .cancelled:
            return "OCR cancelled: the daemon is shutting down"
        case let .recognitionFailed(detail):
            return "Tesseract failed to recognise the page: \(detail)"
        }
    }

    /// Whether another attempt could succeed: bad input will not get better.
    public var isTransient: Bool {
        switch self {
        case .notAnImage, .unsupportedFormat, .tooLarge, .tooManyPages, .unreadableImage: false
        case .io, .deadlineExceeded, .cancelled, .recognitionFailed: true
        }
    }
}

private func formatted(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
