import Foundation
import Glibc
import TestSupport

/// HTTP/1.1 over a plain TCP socket, written byte for byte: the test clients all set `Host`
/// themselves and send whole requests, and these tests need to send the `Host` a hostile
/// page would, or stop halfway through a body.
final class RawHTTPConnection: @unchecked Sendable {
    // @unchecked: one test drives a connection at a time; the descriptor is only read after init.
    struct Reply {
        var status: Int
        var head: String
        var body: String
    }

    private let fd: Int32

    /// A connection to 127.0.0.1:`port` whose reads give up after `timeout` seconds.
    init(port: Int, timeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var deadline = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw TestFailure("connect to port \(port): \(errno)") }
    }

    deinit { close(fd) }

    /// Hangs up, as a client that gives up mid-request does.
    func hangUp() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Writes `text` as it is (a head, part of a body).
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send: \(errno)") }
            sent += n
        }
    }

    /// Reads until the server closes the connection (requests say `Connection: close`).
    func readReply() throws -> Reply {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 { break }
            guard n > 0 else { throw TestFailure("no answer in time (errno \(errno)); got: \(String(decoding: received, as: UTF8.self))") }
            received += chunk[..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("no HTTP head in: \(text.debugDescription)") }
        let head = String(text[..<split.lowerBound])
        let parts = (head.split(separator: "\r\n").first ?? "").split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw TestFailure("bad status line in: \(head)") }
        return Reply(status: status, head: head, body: String(text[split.upperBound...]))
    }

    /// Reads until what arrived contains `marker` (a stream's first frame); returns it all.
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

    /// Whether the server has closed the connection, waiting up to the read timeout.
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }
}

enum RawHTTPClient {
    typealias Reply = RawHTTPConnection.Reply

    /// Sends `request` (a whole message with `Connection: close`) to 127.0.0.1:`port` and reads
    /// the answer, on a thread of its own: blocking on the cooperative pool would starve the
    /// server's handlers.
    static func exchange(port: Int, _ request: String, timeout: Int = 10) async throws -> Reply {
        try await onOwnThread {
            let connection = try RawHTTPConnection(port: port, timeout: timeout)
            try connection.send(request)
            return try connection.readReply()
        }
    }

    /// A request with `headers` (besides Host) and an optional body.
    static func message(_ method: String, _ path: String, host: String?, headers: [String] = [], body: String = "") -> String {
        var lines = ["\(method) \(path) HTTP/1.1"]
        if let host { lines.append("Host: \(host)") }
        lines += headers
        if !body.isEmpty || method == "POST" { lines.append("Content-Length: \(body.utf8.count)") }
        lines.append("Connection: close")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }
}
