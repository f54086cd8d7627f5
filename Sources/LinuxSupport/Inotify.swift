import Glibc

/// One event read from an inotify descriptor.
public struct InotifyEvent: Sendable, Equatable {
    /// The watch it belongs to (-1 for queue overflow).
    public var watch: Int32
    /// `IN_*` bits.
    public var mask: UInt32
    /// The entry's name inside the watched directory; empty for events on the directory itself.
    /// A name that is not UTF-8 has its bad bytes replaced (`nameIsUTF8` is false).
    public var name: String
    /// Whether the kernel's name was valid UTF-8.
    public var nameIsUTF8 = true

    /// An event of `watch` with `mask` about the entry `name`.
    public init(watch: Int32, mask: UInt32, name: String, nameIsUTF8: Bool = true) {
        self.watch = watch
        self.mask = mask
        self.name = name
        self.nameIsUTF8 = nameIsUTF8
    }
}

/// Thin wrappers over inotify(7).
public enum Inotify {
    /// Events the inbox needs: a file created, written, finished or moved in; a directory
    /// appeared or went away. Only a real directory is watched, never what a symlink names.
    public static let inboxMask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_MODIFY)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)

    /// `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)`.
    public static func open() throws(SystemError) -> Int32 {
        try SystemCall.retrying("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC)) }
    }

    /// Watches `path` for `mask`; returns the watch descriptor.
    public static func addWatch(_ fd: Int32, path: String, mask: UInt32) throws(SystemError) -> Int32 {
        try SystemCall.retrying("inotify_add_watch(\(path))") { inotify_add_watch(fd, path, mask) }
    }

    /// Watches the folder `folder` below `root` (nil: `root` itself), reached without following
    /// a symlink: the watch is added on the descriptor's `/proc/self/fd` link, which names the
    /// very folder that was opened, not whatever its path may name by then.
    public static func addWatch(_ fd: Int32, folder: ConfinedPath?, root: String, mask: UInt32) throws(SystemError) -> Int32 {
        let dir = try FileSystem.openFolderDescriptor(folder, root: root)
        defer { close(dir) }
        do {
            // Without IN_DONT_FOLLOW here: the /proc link must be followed to the folder it
            // names (with the flag, the watch lands on the link itself and no event comes).
            return try addWatch(fd, path: "/proc/self/fd/\(dir)", mask: mask & ~UInt32(IN_DONT_FOLLOW))
        } catch where error.errno == ENOENT {
            // No /proc (a chroot): the path, whose last part at least is not followed.
            return try addWatch(fd, path: folder?.path ?? root, mask: mask)
        }
    }

    /// Reads what is queued; an empty array when nothing is (`EAGAIN`).
    public static func read(_ fd: Int32, buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> [InotifyEvent] {
        let count: Int
        do {
            count = try SystemCall.retrying("read(inotify)") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        } catch where error.errno == EAGAIN {
            return []
        }
        var events: [InotifyEvent] = []
        var offset = 0
        // Swift does not import `inotify_event.name` (a flexible array member): the header is
        // 16 bytes (wd, mask, cookie, len) and the NUL-padded name follows it.
        while offset + 16 <= count {
            let base = buffer.baseAddress! + offset
            let wd = base.loadUnaligned(as: Int32.self)
            let mask = base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            let length = Int(base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            var name = ""
            var valid = true
            if length > 0 {
                let bytes = UnsafeRawBufferPointer(start: base + 16, count: length)
                let end = bytes.firstIndex(of: 0) ?? length
                name = String(decoding: bytes[..<end], as: UTF8.self)
                valid = String(validating: bytes[..<end], as: UTF8.self) != nil
            }
            events.append(InotifyEvent(watch: wd, mask: mask, name: name, nameIsUTF8: valid))
            offset += 16 + length
        }
        return events
    }
}
