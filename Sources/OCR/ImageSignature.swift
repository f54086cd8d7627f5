/// What a file's first bytes say it is, independent of Leptonica: to tell "a damaged TIFF"
/// from "not an image", and to name formats the daemon does not read.
enum ImageSignature: String {
    case png = "PNG", jpeg = "JPEG", tiff = "TIFF", gif = "GIF", bmp = "BMP", webp = "WebP", pnm = "PNM"
    case pdf = "PDF"

    /// The format the bytes start with, if any.
    static func sniff(_ bytes: [UInt8]) -> ImageSignature? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts(Array("BM".utf8)) { return .bmp }
        if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "7")).contains(bytes[1]) { return .pnm }
        if starts(Array("%PDF".utf8)) { return .pdf }
        return nil
    }
}
