import Glibc

/// A failed system call: which call, on what, and `errno`.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `errno` as the call left it.
    public var errno: Int32
    /// The call and its subject, e.g. `rename(/inbox/a.jpg)`.
    public var reason: String

    /// An error for `reason` with the given `errno`.
    public init(errno: Int32, reason: String) {
        self.errno = errno
        self.reason = reason
    }

    public var description: String { "\(reason): \(String(cString: strerror(errno)))" }
}

/// Every system call goes through here: retried on `EINTR`, a failure thrown with `errno`.
public enum SystemCall {
    /// Calls `body` until it does not fail with `EINTR`; a result of -1 throws.
    @discardableResult
    public static func retrying<T: FixedWidthInteger>(_ reason: @autoclosure () -> String,
                                                      _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(errno: code, reason: reason())
        }
    }
}
