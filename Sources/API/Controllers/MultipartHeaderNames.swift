import Glibc
import NIOCore

/// A guard for MultipartKit 4.7.1's parser, which looks every byte of a part's header name
/// up in a 128-entry table: a byte of 0x80 or more is an index out of range, a trap that
/// ends the daemon on one upload (found by FuzzMultipart, docs/FUZZING.md). The body is
/// checked before the parser sees it.
enum MultipartHeaderNames {
    /// Whether every header name the parser would read in `body` is ASCII.
    ///
    /// This follows the parser's own steps: headers start after `--boundary` and CR LF; a
    /// name runs to `:`, its value to the first CR (a bare LF is part of the value), which
    /// must be followed by LF; a line that starts with CR ends the headers. It looks after
    /// every `--boundary` in the body, not only where the parser finds one, so it checks at
    /// least every name the parser reads; where it reads more, it can only refuse a form the
    /// parser would have refused as malformed. Header values may hold UTF-8 (file names)
    /// and are not looked at.
    static func areASCII(in body: ByteBuffer, boundary: String) -> Bool {
        // On the raw bytes: through ByteBufferView's generic indexing and `firstRange(of:)`,
        // this scan took about 70 ms for a 500 KiB upload (make bench, upload latency).
        body.withUnsafeReadableBytes { raw in
            areASCII(in: raw.bindMemory(to: UInt8.self), delimiter: Array("--\(boundary)".utf8))
        }
    }

    private static func areASCII(in bytes: UnsafeBufferPointer<UInt8>, delimiter: [UInt8]) -> Bool {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), colon = UInt8(ascii: ":")
        let end = bytes.count
        func isCRLF(at index: Int) -> Bool {
            index + 1 < end && bytes[index] == cr && bytes[index + 1] == lf
        }
        var start = 0
        while let found = firstIndex(of: delimiter, in: bytes, from: start) {
            // One byte on, not past the match: with a boundary of dashes, matches overlap.
            start = found + 1
            let afterDelimiter = found + delimiter.count
            guard isCRLF(at: afterDelimiter) else { continue }
            var line = afterDelimiter + 2
            while line < end {
                var index = line
                while index < end, bytes[index] != colon, bytes[index] != cr {
                    if bytes[index] >= 0x80 { return false }
                    index += 1
                }
                // A CR here ends the headers (or is a syntax error); no colon, no value.
                guard index < end, bytes[index] == colon,
                      let valueEnd = firstIndex(of: [cr], in: bytes, from: index), isCRLF(at: valueEnd) else { break }
                line = valueEnd + 2
            }
        }
        return true
    }

    /// The first index at or after `from` where `needle` starts: memchr for its first byte,
    /// then a comparison of the rest.
    private static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        return needle.withUnsafeBufferPointer { pattern -> Int? in
            var position = from
            while position + pattern.count <= bytes.count {
                guard let hit = memchr(base + position, Int32(first), bytes.count - position) else { return nil }
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if index + pattern.count > bytes.count { return nil }
                if pattern.count == 1 || memcmp(base + index + 1, pattern.baseAddress! + 1, pattern.count - 1) == 0 { return index }
                position = index + 1
            }
            return nil
        }
    }
}
