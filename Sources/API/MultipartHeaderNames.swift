import Glibc
import NIOCore

/// Whether the header names of a multipart body are ASCII, checked before MultipartKit reads
/// it: MultipartKit 4.7.1 looks each header-name byte up in a 128-entry table, and a byte
/// above 0x7F is an index out of range, a trap that ends the daemon. `make fuzz` found it with
/// an 80-byte upload; a client may send anything, so such a body must be a 400 instead.
enum MultipartHeaderNames {
    /// False when a line of a part's header block has a byte above 0x7F before its first
    /// `:`. Errs towards false: a header block is looked for after every `--boundary` in
    /// the body (but a closing one), where MultipartKit looks after fewer.
    static func areASCII(_ body: ByteBuffer, boundary: String) -> Bool {
        let delimiter = Array("--\(boundary)".utf8)
        return body.withUnsafeReadableBytes { bytes in
            var offset = 0
            while let found = find(delimiter, in: bytes, from: offset) {
                var index = found + delimiter.count
                // The closing delimiter: what follows is the epilogue, which no one parses.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") {
                    offset = index + 2
                    continue
                }
                // The rest of the delimiter's line, then header lines up to an empty one.
                var lineStart = index, firstLine = true, inName = true
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\n") {
                        let empty = index - lineStart == 0 || (index - lineStart == 1 && bytes[lineStart] == UInt8(ascii: "\r"))
                        if empty && !firstLine { break }
                        firstLine = false
                        lineStart = index + 1
                        inName = true
                    } else if byte == UInt8(ascii: ":") {
                        inName = false
                    } else if byte > 0x7F && inName {
                        return false
                    }
                    index += 1
                }
                offset = index
            }
            return true
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            // memchr skips to the next candidate at memory speed; most of a file is not '-'.
            guard let hit = memchr(base + index, Int32(first), bytes.count - index - needle.count + 1) else { return nil }
            index = base.distance(to: UnsafeRawPointer(hit))
            if needle.withUnsafeBytes({ memcmp(base + index, $0.baseAddress!, needle.count) }) == 0 { return index }
            index += 1
        }
        return nil
    }
}
