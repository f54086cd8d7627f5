import Glibc

/// Thin wrappers over poll(2) and a wake-up pipe, for threads that block on descriptors.
public enum Poll {
    /// Waits until one of `fds` is readable or `timeoutMs` passes; returns the readable ones.
    public static func readable(_ fds: [Int32], timeoutMs: Int32) throws(SystemError) -> [Int32] {
        var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = try SystemCall.retrying("poll") { Glibc.poll(&entries, nfds_t(entries.count), timeoutMs) }
        guard ready > 0 else { return [] }
        return entries.filter { $0.revents != 0 }.map(\.fd)
    }
}

/// A pipe whose write end wakes a thread blocked in `Poll.readable`.
public final class WakePipe: Sendable {
    /// The end to poll.
    public let readEnd: Int32
    private let writeEnd: Int32

    /// Creates the pipe (non-blocking, close-on-exec).
    public init() throws(SystemError) {
        var fds: [Int32] = [0, 0]
        try SystemCall.retrying("pipe") { pipe(&fds) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    /// Wakes the poller (a full pipe already wakes it, so errors are ignored).
    public func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(readEnd, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
