import CLinux
import Glibc

/// The file operations of the inbox and the data folders, on `ConfinedPath`s: every folder
/// below the root is opened with `openat(O_NOFOLLOW | O_DIRECTORY)` from its parent's
/// descriptor, and the entry itself is reached with `*at` calls that do not follow it either.
/// A symlinked folder on the way fails with `ELOOP` and a message that says so.
extension FileSystem {
    /// `lstat` of the entry; nil when nothing is there (or a folder on the way is missing).
    public static func status(_ path: ConfinedPath) throws(SystemError) -> FileStatus? {
        let folder: Int32
        do {
            folder = try openFolder(of: path, create: false)
        } catch where error.errno == ENOENT || error.errno == ENOTDIR {
            return nil
        }
        defer { close(folder) }
        var st = stat()
        do {
            try SystemCall.retrying("fstatat(\(path))") { fstatat(folder, path.name, &st, AT_SYMLINK_NOFOLLOW) }
        } catch where error.errno == ENOENT || error.errno == ENOTDIR {
            return nil
        }
        return FileStatus(st)
    }

    /// Moves `source` to `destination` (folders created as needed) so that a crash at any
    /// instant leaves the whole file at one of the two places, at worst at both with
    /// `destination` complete: `renameat` within a file system; across file systems (a
    /// network-share inbox) a copy to `<destination>.partial`, fsync, `renameat`, then the
    /// source unlinked. The entry itself is moved, never what it may link to.
    public static func move(_ source: ConfinedPath, to destination: ConfinedPath) throws(SystemError) {
        let from = try openFolder(of: source, create: false)
        defer { close(from) }
        let to = try openFolder(of: destination, create: true)
        defer { close(to) }
        do {
            try SystemCall.retrying("rename(\(source))") { renameat(from, source.name, to, destination.name) }
            return
        } catch where error.errno == EXDEV {}
        let partial = destination.name + ".partial"
        try copy(from, source.name, to: to, partial, reason: "\(source)")
        try SystemCall.retrying("rename(\(destination).partial)") { renameat(to, partial, to, destination.name) }
        try SystemCall.retrying("fsync(\(FileSystem.parentPath(destination.path)))") { fsync(to) }
        try SystemCall.retrying("unlink(\(source))") { unlinkat(from, source.name, 0) }
    }

    /// Removes the entry (a file, or a symlink itself); nothing there is not an error.
    public static func removeIfPresent(_ path: ConfinedPath) throws(SystemError) {
        let folder: Int32
        do {
            folder = try openFolder(of: path, create: false)
        } catch where error.errno == ENOENT {
            return
        }
        defer { close(folder) }
        do {
            try SystemCall.retrying("unlink(\(path))") { unlinkat(folder, path.name, 0) }
        } catch where error.errno == ENOENT {}
    }

    /// Renames `name` to `newName` inside the folder `folder` unless `newName` exists
    /// (`EEXIST`). The names are raw bytes: this is how a name that is not UTF-8 is given one.
    public static func renameInFolder(_ folder: ConfinedPath?, root: String, from name: [UInt8], to newName: String)
        throws(SystemError) {
        let fd = try openFolderDescriptor(folder, root: root)
        defer { close(fd) }
        let cName = name + [0]
        try SystemCall.retrying("rename(\(newName))") {
            cName.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: CChar.self) { invoiced_renameat_noreplace(fd, $0.baseAddress!, fd, newName) }
            }
        }
    }

    /// Names in the folder, as raw bytes (a name need not be UTF-8), without `.` and `..`.
    /// The folder is reached like any confined path; nil `folder` is the root itself.
    public static func rawEntries(_ folder: ConfinedPath?, root: String) throws(SystemError) -> [[UInt8]] {
        let fd = try openFolderDescriptor(folder, root: root)
        guard let dir = fdopendir(fd) else {
            let code = errno
            close(fd)
            throw SystemError(errno: code, reason: "fdopendir(\(folder?.path ?? root))")
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name != [46] && name != [46, 46] { names.append(name) }
        }
        return names
    }

    // MARK: - Walking down from the root

    /// A descriptor of the folder `folder` below `root` (nil: the root), reached without
    /// following a symlink; the caller closes it.
    public static func openFolderDescriptor(_ folder: ConfinedPath?, root: String) throws(SystemError) -> Int32 {
        if let folder { return try openFolder(at: folder, create: false) }
        return try openRoot(root)
    }

    /// A descriptor of the root folder (which may itself be a symlink: it is the operator's).
    static func openRoot(_ root: String) throws(SystemError) -> Int32 {
        try SystemCall.retrying("open(\(root))") { open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    }

    /// A descriptor of the folder that holds `path`'s entry, every folder on the way opened
    /// without following a symlink; `create` makes the missing ones (mode 0750).
    static func openFolder(of path: ConfinedPath, create: Bool) throws(SystemError) -> Int32 {
        try walk(root: path.root, folders: path.folders, create: create)
    }

    /// A descriptor of the folder `path` itself, opened like the folders above it.
    static func openFolder(at path: ConfinedPath, create: Bool) throws(SystemError) -> Int32 {
        try walk(root: path.root, folders: path.components[...], create: create)
    }

    private static func walk(root: String, folders: ArraySlice<String>, create: Bool) throws(SystemError) -> Int32 {
        var fd = try openRoot(root)
        var reached = root
        for name in folders {
            reached += "/" + name
            do {
                let next = try openChildFolder(fd, name, reached: reached, create: create)
                close(fd)
                fd = next
            } catch {
                close(fd)
                throw error
            }
        }
        return fd
    }

    private static func openChildFolder(_ parent: Int32, _ name: String, reached: String, create: Bool) throws(SystemError) -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        do {
            return try SystemCall.retrying("open(\(reached))") { openat(parent, name, flags) }
        } catch where error.errno == ELOOP {
            throw SystemError(errno: ELOOP, reason: "\(reached) is a symlink, which invoiced never follows")
        } catch where error.errno == ENOENT && create {
            do {
                try SystemCall.retrying("mkdir(\(reached))") { mkdirat(parent, name, 0o750) }
            } catch where error.errno == EEXIST {}
            return try openChildFolder(parent, name, reached: reached, create: false)
        }
    }

    /// Copies the regular file `name` in `from` to `newName` in `to` (created, fsynced).
    private static func copy(_ from: Int32, _ name: String, to: Int32, _ newName: String, reason: String) throws(SystemError) {
        let input = try SystemCall.retrying("open(\(reason))") { openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        defer { close(input) }
        let output = try SystemCall.retrying("open(\(newName))") {
            openat(to, newName, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o640)
        }
        defer { close(output) }
        try copyBytes(from: input, to: output, reason: reason)
    }
}

extension FileStatus {
    /// The status `stat` describes.
    init(_ st: stat) {
        let kind: Kind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFSOCK: kind = .socket
        default: kind = .other
        }
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        self.init(kind: kind, size: Int64(st.st_size), modifiedNanoseconds: mtime, device: UInt64(st.st_dev))
    }
}
