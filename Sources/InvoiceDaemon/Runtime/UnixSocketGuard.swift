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
        guard let fd = try? UnixSocket.connect(to: path) else { return false }
        close(fd)
        return true
    }
}
