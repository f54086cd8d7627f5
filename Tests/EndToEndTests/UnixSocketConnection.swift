import Foundation
import Glibc
import TestSupport

/// A plain connection to the daemon's Unix socket, written byte for byte: HTTP clients send
/// whole requests, and a test of a half-sent one needs to stop in the middle. Blocking; run
/// it with `onOwnThread`.
final class UnixSocketConnection: @unchecked Sendable {
    // @unchecked: one test drives a connection at a time; the descriptor is only read after init.
    private let fd: Int32

    /// Connects to `path`; reads give up after `timeout` seconds.
    init(path: String, timeout: Int = 15) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var deadline = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.prefix(bytes.count - 1).enumerated() { bytes[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { close(fd); throw TestFailure("connect to \(path): \(errno)") }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw TestFailure("send: \(errno)")
        }
    }

    /// Reads until what arrived contains `marker`.
    func read(until marker: String) throws -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { throw TestFailure("closed or silent before \(marker.debugDescription); got: \(String(decoding: received, as: UTF8.self))") }
            received += chunk[..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Waits (up to the read timeout) until the daemon closes the connection; false if it
    /// sends something instead or stays silent.
    func waitForClose() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    /// Whether the connection is still open now (nothing to read, and not closed).
    var isOpen: Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}
