import Foundation
import Glibc

/// The systemd side of sd_notify, for tests: a datagram socket bound at a path or an
/// abstract name (`@name`), recording every message received with its arrival time.
/// Written against Glibc directly, independently of the daemon's own implementation.
///
/// `@unchecked Sendable`: the mutable state lives in `Received`, whose lock guards it.
public final class NotifyListener: @unchecked Sendable {
    /// One datagram: its text and when it arrived.
    public struct Message: Sendable {
        public var text: String
        public var received: Date
        /// Its `KEY=VALUE` lines.
        public var assignments: [String] { text.split(separator: "\n").map(String.init) }
    }

    /// What the receiving thread shares with the test. `@unchecked Sendable`: `lock` guards all.
    private final class Received: @unchecked Sendable {
        let lock = NSLock()
        var messages: [Message] = []
        var closed = false
        var finished = false
    }

    /// The value for `NOTIFY_SOCKET`.
    public let address: String
    private let fd: Int32
    private let received = Received()

    /// Binds `address`: an absolute path, or `@name` for the abstract namespace.
    public init(address: String) throws {
        self.address = address
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ListenerError("socket: errno \(errno)") }
        var sockaddr = sockaddr_un()
        sockaddr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &sockaddr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            if !abstract { raw[bytes.count] = 0 }
        }
        let length = socklen_t(2 + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &sockaddr) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ListenerError("bind(\(address)): errno \(code)")
        }
        // A receive timeout lets the thread notice close().
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
        let received = self.received
        Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                received.lock.lock()
                let stop = received.closed
                if stop { received.finished = true }
                received.lock.unlock()
                if stop { return }
                let n = recv(fd, &buffer, buffer.count, 0)
                guard n > 0 else { continue }
                let message = Message(text: String(decoding: buffer[..<n], as: UTF8.self), received: Date())
                received.lock.lock()
                received.messages.append(message)
                received.lock.unlock()
            }
        }.start()
    }

    /// Every message so far, oldest first.
    public var messages: [Message] {
        received.lock.lock()
        defer { received.lock.unlock() }
        return received.messages
    }

    /// Messages that contain the assignment `assignment` (e.g. `READY=1`).
    public func messages(containing assignment: String) -> [Message] {
        messages.filter { $0.assignments.contains(assignment) }
    }

    /// Messages with an assignment that starts with `prefix` (e.g. `STATUS=`).
    public func messages(withPrefix prefix: String) -> [Message] {
        messages.filter { $0.assignments.contains { $0.hasPrefix(prefix) } }
    }

    /// Stops receiving and closes the socket (and removes a path socket's file).
    public func close() {
        received.lock.lock()
        let wasClosed = received.closed
        received.closed = true
        received.lock.unlock()
        guard !wasClosed else { return }
        while true {
            received.lock.lock()
            let finished = received.finished
            received.lock.unlock()
            if finished { break }
            usleep(10_000)
        }
        Glibc.close(fd)
        if !address.hasPrefix("@") { unlink(address) }
    }

    deinit { close() }
}

/// The listener could not be set up.
public struct ListenerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
