import Glibc

/// One event read from an inotify descriptor.
public struct InotifyEvent: Sendable, Equatable {
    /// The watch it belongs to (-1 for queue overflow).
    public var watch: Int32
    /// `IN_*` bits.
    public var mask: UInt32
    /// The entry's name inside the watched directory; empty for events on the directory itself.
    public var name: String
}

/// Thin wrappers over inotify(7).
public enum Inotify {
    /// Events the inbox needs: a file created, written, finished or moved in; a directory
    /// appeared or went away.
    public static let inboxMask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_MODIFY)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)

    /// `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)`.
    public static func open() throws(SystemError) -> Int32 {
        try SystemCall.retrying("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC)) }
    }

    /// Watches `path` for `mask`; returns the watch descriptor.
    public static func addWatch(_ fd: Int32, path: String, mask: UInt32) throws(SystemError) -> Int32 {
        try SystemCall.retrying("inotify_add_watch(\(path))") { inotify_add_watch(fd, path, mask) }
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
            if length > 0 {
                let bytes = UnsafeRawBufferPointer(start: base + 16, count: length)
                let end = bytes.firstIndex(of: 0) ?? length
                name = String(decoding: bytes[..<end], as: UTF8.self)
            }
            events.append(InotifyEvent(watch: wd, mask: mask, name: name))
            offset += 16 + length
        }
        return events
    }
}
