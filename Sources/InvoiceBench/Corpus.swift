import Foundation
import Glibc

/// The committed fixtures the benchmarks feed the daemon and the tesseract baselines:
/// rendered A4 invoices with their expected fields, and small images for the long runs.
public struct Corpus: Sendable {
    /// One rendered invoice and its expected fields (the `NAME.json` beside it).
    public struct Invoice: Sendable {
        /// `NAME.png`.
        public var filename: String
        /// Full path of the image.
        public var path: String
        /// Full path of the expected fields.
        public var expectedPath: String
    }

    /// `Tests/Fixtures` of the checkout.
    public let fixtures: String

    /// The fixtures under `fixtures` (`Tests/Fixtures`).
    public init(fixtures: String) {
        self.fixtures = fixtures
    }

    /// `count` rendered invoices, spread evenly over the sorted list so every layout and
    /// variant (clean, rotated, noisy, low resolution, 1-bit, faded) is represented.
    public func invoices(count: Int) throws -> [Invoice] {
        let folder = "\(fixtures)/invoices"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
        guard count <= names.count else { throw BenchError("asked for \(count) invoices; \(folder) has \(names.count)") }
        return (0..<count).map { index in
            let name = names[index * names.count / count]
            let base = String(name.dropLast(4))
            return Invoice(filename: name, path: "\(folder)/\(name)", expectedPath: "\(folder)/\(base).json")
        }
    }

    /// The small images (`Tests/Fixtures/small/*.png`) used where many documents are needed.
    public func smallImages() throws -> [[UInt8]] {
        let folder = "\(fixtures)/small"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
            .map { Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\($0)"))) }
    }

    /// `bytes` made distinct by `tag` written after the image's end, which decoders ignore
    /// (as the reliability tests do): the daemon would otherwise skip a repeated file as a
    /// duplicate without reading it.
    public static func unique(_ bytes: [UInt8], tag: String) -> [UInt8] {
        bytes + Array("\n\(tag)".utf8)
    }

    /// `bytes` padded after the image's end to exactly `size` bytes (for a given upload size).
    public static func padded(_ bytes: [UInt8], to size: Int, tag: String) -> [UInt8] {
        var out = unique(bytes, tag: tag)
        if out.count < size { out += [UInt8](repeating: 0x20, count: size - out.count) }
        return out
    }

    /// Renders `invoices` at 300 dpi into `folder` with ImageMagick (`convert`): a scanner's
    /// usual resolution, 2480 x 3508 pixels for A4, for the memory figure. Returns the paths.
    public static func render300dpi(_ invoices: [Invoice], into folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try invoices.map { invoice in
            let target = "\(folder)/\(invoice.filename.dropLast(4))-300dpi.png"
            // The fixtures are 200 dpi: 150 % gives 300 dpi, and the density records it.
            try Shell.run("convert \(shellQuoted(invoice.path)) -resize 150% -units PixelsPerInch -density 300 \(shellQuoted(target))",
                          environment: ProcessInfo.processInfo.environment)
            return target
        }
    }
}

/// Files put into the inbox the two ways scanners and people do.
public enum Dropper {
    /// Writes `bytes` beside the target as `NAME.part` and renames it in, as a scanner's
    /// "scan to folder" does: the file appears complete, at once.
    public static func renameIn(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path + ".part")
        guard rename(path + ".part", path) == 0 else { throw BenchError("rename to \(path): \(String(cString: strerror(errno)))") }
    }

    /// Creates `path`, writes `bytes` and closes it; returns when `close` has returned (the
    /// moment the daemon's inotify sees `IN_CLOSE_WRITE`).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError("open \(path): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                throw BenchError("write \(path): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        guard close(fd) == 0 else { throw BenchError("close \(path): \(String(cString: strerror(errno)))") }
    }
}

/// `text` quoted for `/bin/sh`.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
