import Glibc

/// What `lstat` says of a path, without following a symlink.
public struct FileStatus: Sendable, Equatable {
    /// Kind of entry.
    public enum Kind: Sendable, Equatable { case regular, directory, symlink, socket, other }
    public var kind: Kind
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    /// Device id: two paths on different devices cannot be renamed into each other.
    public var device: UInt64
}

/// Thin wrappers over the file system calls the daemon needs to move files safely.
public enum FileSystem {
    /// `lstat(path)`; nil when nothing is there.
    public static func status(_ path: String) throws(SystemError) -> FileStatus? {
        var st = stat()
        do {
            try SystemCall.retrying("lstat(\(path))") { lstat(path, &st) }
        } catch where error.errno == ENOENT || error.errno == ENOTDIR {
            return nil
        }
        return FileStatus(st)
    }

    /// `mkdir -p` with `mode` for the folders it creates.
    public static func createDirectories(_ path: String, mode: mode_t = 0o750) throws(SystemError) {
        if let existing = try status(path) {
            if existing.kind == .directory { return }
            throw SystemError(errno: ENOTDIR, reason: "mkdir(\(path))")
        }
        let parent = parentPath(path)
        if parent != path { try createDirectories(parent, mode: mode) }
        do {
            try SystemCall.retrying("mkdir(\(path))") { mkdir(path, mode) }
        } catch where error.errno == EEXIST {}
    }

    /// Copies what is left to read of `input` to `output`, then fsyncs `output`.
    static func copyBytes(from input: Int32, to output: Int32, reason: String) throws(SystemError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try SystemCall.retrying("read(\(reason))") { read(input, &buffer, buffer.count) }
            if count == 0 { break }
            try writeAll(output, buffer, count: count, reason: "write(copy of \(reason))")
        }
        try SystemCall.retrying("fsync(copy of \(reason))") { fsync(output) }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SystemError) {
        let temporary = path + ".tmp"
        let fd = try SystemCall.retrying("open(\(temporary))") {
            open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        }
        var failure: SystemError?
        do {
            try writeAll(fd, bytes, count: bytes.count, reason: "write(\(temporary))")
            try SystemCall.retrying("fsync(\(temporary))") { fsync(fd) }
        } catch {
            failure = error
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        try SystemCall.retrying("rename(\(temporary))") { rename(temporary, path) }
    }

    /// Writes the first `count` bytes of `bytes` to `fd`, looping over short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], count: Int, reason: @autoclosure () -> String) throws(SystemError) {
        var written = 0
        while written < count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, count - written) }
            if n >= 0 {
                written += n
            } else if errno != EINTR {
                throw SystemError(errno: errno, reason: reason())
            }
        }
    }

    /// fsyncs a directory so a rename into it survives a power loss.
    public static func syncDirectory(_ path: String) throws(SystemError) {
        let fd = try SystemCall.retrying("open(\(path))") { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(fd) }
        try SystemCall.retrying("fsync(\(path))") { fsync(fd) }
    }

    /// Removes a file; nothing there is not an error.
    public static func removeIfPresent(_ path: String) throws(SystemError) {
        do {
            try SystemCall.retrying("unlink(\(path))") { unlink(path) }
        } catch where error.errno == ENOENT {}
    }

    /// Names in a directory (without `.` and `..`).
    public static func entries(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError(errno: errno, reason: "opendir(\(path))") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The folder part of `path` (`/` for a top-level entry, `.` for a bare name).
    public static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
