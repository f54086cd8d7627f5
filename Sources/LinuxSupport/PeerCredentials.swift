import Glibc

/// The process at the other end of a Unix socket, as the kernel recorded it when that process
/// connected (`SO_PEERCRED`): unlike anything the process sends, it cannot choose these.
/// The layout is Linux's `struct ucred` (pid_t, uid_t, gid_t), so it can be read whole as
/// the option's value.
public struct PeerCredentials: Sendable, Equatable {
    /// The peer's process id.
    public var pid: Int32
    /// The peer's effective user id.
    public var uid: UInt32
    /// The peer's effective group id.
    public var gid: UInt32

    /// Credentials with the given ids.
    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// The `SOL_SOCKET` option whose value this is.
    public static var socketOption: Int32 { SO_PEERCRED }
}
