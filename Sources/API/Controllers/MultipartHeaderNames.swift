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
        let bytes = body.readableBytesView
        let delimiter = Array("--\(boundary)".utf8)
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), colon = UInt8(ascii: ":")
        func isCRLF(at index: Int) -> Bool {
            index + 1 < bytes.endIndex && bytes[index] == cr && bytes[index + 1] == lf
        }
        var start = bytes.startIndex
        while let found = bytes[start...].firstRange(of: delimiter) {
            // One byte on, not past the match: with a boundary of dashes, matches overlap.
            start = found.lowerBound + 1
            guard isCRLF(at: found.upperBound) else { continue }
            var line = found.upperBound + 2
            while line < bytes.endIndex {
                var index = line
                while index < bytes.endIndex, bytes[index] != colon, bytes[index] != cr {
                    if bytes[index] >= 0x80 { return false }
                    index += 1
                }
                // A CR here ends the headers (or is a syntax error); no colon, no value.
                guard index < bytes.endIndex, bytes[index] == colon,
                      let valueEnd = bytes[index...].firstIndex(of: cr), isCRLF(at: valueEnd) else { break }
                line = valueEnd + 2
            }
        }
        return true
    }
}
