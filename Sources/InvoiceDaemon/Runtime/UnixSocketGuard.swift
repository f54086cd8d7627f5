import Glibc
import LinuxSupport

/// Makes the socket path free to bind: a stale socket left by a crash is removed; a socket
/// that another running daemon answers on is an error; anything else at the path is too.
enum UnixSocketGuard {
    static func prepare(_ path: String) throws {
        try FileSystem.createDirectories(FileSystem.parentPath(path))
        let existing: FileStatus?
        do { existing = try FileSystem.status(path) } catch {
            throw ConfigError("cannot use the socket path \(path): \(error)")
        }
        guard let existing else { return }
        guard existing.kind == .socket else {
            throw ConfigError("\(path) exists and is not a socket; remove it or choose another socket path")
        }
        if isAnswering(path) {
            throw ConfigError("another process is listening on \(path) (is invoiced already running?); stop it or choose another --socket")
        }
        try FileSystem.removeIfPresent(path)
    }

    /// Whether something accepts connections on the socket at `path`.
    static func isAnswering(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
