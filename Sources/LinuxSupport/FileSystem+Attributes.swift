import Glibc

/// A file's identity, mode and group, and whether a folder can be used: what the socket's
/// permissions, journald detection and `--check-config` need.
extension FileSystem {
    /// A file's device and inode: what identifies it across names.
    public struct Identity: Sendable, Equatable {
        /// `st_dev`.
        public var device: UInt64
        /// `st_ino`.
        public var inode: UInt64
    }

    /// `fstat(descriptor)`'s device and inode.
    public static func identity(ofDescriptor descriptor: Int32) throws(SystemError) -> Identity {
        var st = stat()
        try SystemCall.retrying("fstat(\(descriptor))") { fstat(descriptor, &st) }
        return Identity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// `chmod(path, mode)`.
    public static func setMode(_ path: String, _ mode: mode_t) throws(SystemError) {
        try SystemCall.retrying("chmod(\(path))") { chmod(path, mode) }
    }

    /// `chown(path, -1, gid)`: gives `path` to group `gid`, keeping its owner.
    public static func setGroup(_ path: String, _ gid: gid_t) throws(SystemError) {
        try SystemCall.retrying("chown(\(path))") { chown(path, uid_t.max, gid) }
    }

    /// Whether the calling process could create or change entries at `path`: the path, or
    /// else its nearest existing ancestor, is a writable folder (`access(W_OK|X_OK)`).
    public static func isWritableOrCreatable(_ path: String) -> Bool {
        var candidate = path
        while true {
            if let _ = (try? status(candidate)) ?? nil {
                return access(candidate, W_OK | X_OK) == 0
            }
            let parent = parentPath(candidate)
            if parent == candidate || parent == "." { return false }
            candidate = parent
        }
    }
}
