import Glibc

/// What `stat(2)` says of a path, for tests that check modes and owners. Read here rather
/// than in the test targets: a target that imports NIO sees `struct stat` through NIO's own
/// C module, which a clean build refuses without importing it (MemberImportVisibility).
public struct FileStatus: Sendable {
    /// The permission bits with setuid, setgid and sticky (`st_mode & 0o7777`).
    public let permissions: UInt32
    /// The owning group.
    public let groupID: gid_t

    /// The status of `path` (following symlinks), or nil when it cannot be read.
    public init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        permissions = st.st_mode & 0o7777
        groupID = st.st_gid
    }
}
