import Foundation

/// The EXIF orientation of a JPEG (phones and some scanners store the picture as the sensor
/// saw it and record how to turn it): the clockwise rotation that makes it upright.
/// Leptonica does not apply it, so the page is turned here before OCR.
enum ExifOrientation {
    /// Degrees clockwise (0, 90, 180, 270) to turn the decoded pixels upright; 0 when the
    /// file has no orientation tag. Mirrored orientations (2, 4, 5, 7: rare) are turned
    /// only, since text mirrored would not read anyway.
    static func uprightRotation(ofJPEGAt path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 128 * 1024)) ?? Data())
        guard let value = orientationTag(in: bytes) else { return 0 }
        switch value {
        case 3, 4: return 180
        case 5, 6: return 90
        case 7, 8: return 270
        default: return 0
        }
    }

    /// Tag 0x0112 of IFD0 in the APP1 "Exif" segment.
    static func orientationTag(in bytes: [UInt8]) -> Int? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if marker == 0xDA || length < 2 { return nil } // image data: no more metadata
            let start = offset + 4
            if marker == 0xE1, start + 14 <= bytes.count, Array(bytes[start..<(start + 6)]) == [0x45, 0x78, 0x69, 0x66, 0, 0] {
                return tiffOrientation(bytes, tiff: start + 6, end: min(bytes.count, offset + 2 + length))
            }
            offset += 2 + length
        }
        return nil
    }

    private static func tiffOrientation(_ b: [UInt8], tiff: Int, end: Int) -> Int? {
        guard tiff + 8 <= end else { return nil }
        let little = b[tiff] == 0x49
        func u16(_ at: Int) -> Int? {
            guard at + 2 <= end else { return nil }
            return little ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(b[at]) << 8 | Int(b[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard at + 4 <= end, let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let ifd = u32(tiff + 4), let count = u16(tiff + ifd) else { return nil }
        for index in 0..<min(count, 256) {
            let entry = tiff + ifd + 2 + index * 12
            if u16(entry) == 0x0112 { return u16(entry + 8) }
        }
        return nil
    }
}
