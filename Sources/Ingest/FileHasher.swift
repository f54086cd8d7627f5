import Crypto
import Glibc
import LinuxSupport

/// SHA-256 of a file, streamed in 1 MiB reads. Blocking: call it from a dedicated thread.
public enum FileHasher {
    /// Hex digest and size of the file at `path` (symlinks refused).
    public static func sha256(of path: String) throws(SystemError) -> (hex: String, size: Int64) {
        let fd = try SystemCall.retrying("open(\(path))") { open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var size: Int64 = 0
        while true {
            let count = try SystemCall.retrying("read(\(path))") { read(fd, &buffer, buffer.count) }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            size += Int64(count)
        }
        let hex = hasher.finalize().map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        return (hex, size)
    }
}
