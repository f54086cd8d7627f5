import Glibc

/// A connected `AF_UNIX` stream socket's descriptor, for blocking clients.
public enum UnixSocket {
    /// Connects to the socket at `path`; the caller closes the returned descriptor.
    public static func connect(to path: String) throws(SystemError) -> Int32 {
        let fd = try SystemCall.retrying("socket(AF_UNIX)") {
            socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw SystemError(errno: ENAMETOOLONG, reason: "socket path \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SystemError(errno: code, reason: "connect to \(path)")
        }
        return fd
    }
}
