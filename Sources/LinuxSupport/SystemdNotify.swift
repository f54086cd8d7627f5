import Glibc

/// The sd_notify(3) protocol without libsystemd: newline-separated `KEY=VALUE` assignments
/// (`READY=1`, `STATUS=...`, `WATCHDOG=1`, `STOPPING=1`) sent as one datagram to the
/// `AF_UNIX` socket named by `$NOTIFY_SOCKET`. Without that variable there is nobody to tell,
/// and the caller does nothing.
public enum SystemdNotify {
    /// A parsed `$NOTIFY_SOCKET`: a file-system socket path, or an abstract socket (`@name`).
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        /// The bytes of `sun_path`; an abstract name starts with a NUL byte and has no terminator.
        public let pathBytes: [UInt8]

        /// Parses `value`: an absolute path, or `@name` for the abstract namespace. nil for
        /// anything else (systemd's `vsock:` addresses are not supported) or a name too long.
        public init?(_ value: String) {
            var bytes = Array(value.utf8)
            let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
            switch bytes.first {
            case UInt8(ascii: "/"):
                // A path needs its terminating NUL inside sun_path.
                guard bytes.count < capacity else { return nil }
            case UInt8(ascii: "@"):
                guard bytes.count > 1, bytes.count <= capacity else { return nil }
                bytes[0] = 0
            default:
                return nil
            }
            pathBytes = bytes
        }

        /// Whether this is an abstract (`@`) socket, which has no file.
        public var isAbstract: Bool { pathBytes.first == 0 }

        /// The address as `$NOTIFY_SOCKET` spells it.
        public var description: String {
            isAbstract ? "@" + String(decoding: pathBytes.dropFirst(), as: UTF8.self) : String(decoding: pathBytes, as: UTF8.self)
        }
    }

    /// The address in `$NOTIFY_SOCKET`; nil when the variable is unset or empty (not started by
    /// systemd as `Type=notify`). Throws `EAFNOSUPPORT` for an address this code cannot use.
    public static func address(environment: [String: String]) throws(SystemError) -> Address? {
        guard let value = environment["NOTIFY_SOCKET"], !value.isEmpty else { return nil }
        guard let address = Address(value) else {
            throw SystemError(errno: EAFNOSUPPORT, reason: "NOTIFY_SOCKET=\(value)")
        }
        return address
    }

    /// Sends `assignments` (`["READY=1", "STATUS=idle"]`) as one datagram to `address`.
    /// Never blocks (callers run on Swift's cooperative threads): a full receive queue throws
    /// `EAGAIN` instead of stalling the daemon; the next message (a ping every half interval,
    /// the status every few seconds) follows soon.
    public static func send(_ assignments: [String], to address: Address) throws(SystemError) {
        let message = Array(assignments.joined(separator: "\n").utf8)
        // A socket per message, as sd_notify does: the messages are rare and this keeps no
        // descriptor open that a child could inherit.
        let fd = try SystemCall.retrying("socket(AF_UNIX, SOCK_DGRAM)") {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        defer { close(fd) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
            raw.copyBytes(from: address.pathBytes)
            if !address.isAbstract { raw[address.pathBytes.count] = 0 }
        }
        // An abstract name's length is exactly its bytes: trailing NULs would be part of it.
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        let length = socklen_t(pathOffset + address.pathBytes.count + (address.isAbstract ? 0 : 1))
        let sent = try SystemCall.retrying("sendto(NOTIFY_SOCKET=\(address))") {
            withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                    message.withUnsafeBytes { bytes in
                        sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), target, length)
                    }
                }
            }
        }
        if sent != message.count {
            throw SystemError(errno: EMSGSIZE, reason: "sendto(NOTIFY_SOCKET=\(address)) sent \(sent) of \(message.count) bytes")
        }
    }

    /// The watchdog interval systemd expects pings within (`$WATCHDOG_USEC`), in seconds; nil
    /// when no watchdog is set, or when `$WATCHDOG_PID` names another process (the variables
    /// were inherited, not meant for this one).
    public static func watchdogInterval(environment: [String: String], pid: Int32 = getpid()) -> Double? {
        guard let raw = environment["WATCHDOG_USEC"], let usec = UInt64(raw), usec > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != pid { return nil }
        return Double(usec) / 1_000_000
    }

    /// `CLOCK_MONOTONIC` in microseconds, for `MONOTONIC_USEC=` alongside `RELOADING=1`.
    public static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}
