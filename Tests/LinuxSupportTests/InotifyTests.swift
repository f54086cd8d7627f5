import Foundation
import Glibc
import LinuxSupport
import TestSupport
import Testing

@Suite struct InotifyTests {
    @Test func closeWriteAndMoveIn_areReportedWithTheirNames() throws {
        let dir = try TemporaryDirectory()
        let fd = try Inotify.open()
        defer { close(fd) }
        let watch = try Inotify.addWatch(fd, path: dir.path, mask: Inotify.inboxMask)
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.appending("hóa đơn 1.jpg")))
        let outside = try TemporaryDirectory()
        try Data("y".utf8).write(to: URL(fileURLWithPath: outside.appending("b.png")))
        rename(outside.appending("b.png"), dir.appending("b.png"))

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        var events: [InotifyEvent] = []
        _ = waitUntilBlocking(timeout: 5) {
            events += (try? Inotify.read(fd, buffer: buffer)) ?? []
            return events.contains { $0.mask & UInt32(IN_MOVED_TO) != 0 }
        }
        #expect(events.contains { $0.watch == watch && $0.name == "hóa đơn 1.jpg" && $0.mask & UInt32(IN_CLOSE_WRITE) != 0 })
        #expect(events.contains { $0.name == "b.png" && $0.mask & UInt32(IN_MOVED_TO) != 0 })
    }

    /// The watch the inbox uses: on a folder reached without following symlinks. It must
    /// report the folder's events (a watch on the /proc link itself would report none, and
    /// the inbox would fall back to rescans, blind to writers that still hold a file open).
    @Test func watchOnAConfinedFolder_reportsItsEvents() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.appending("scanner-1"), withIntermediateDirectories: true)
        let fd = try Inotify.open()
        defer { close(fd) }
        let watch = try Inotify.addWatch(fd, folder: ConfinedPath(root: root.path, relative: "scanner-1"), root: root.path,
                                         mask: Inotify.inboxMask)
        // Created in place, as a scanner writes (FileManager.createFile would rename a temporary file in).
        let file = open(root.appending("scanner-1/a.jpg"), O_CREAT | O_WRONLY, 0o600)
        #expect(file >= 0)
        _ = write(file, "x", 1)
        close(file)

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        var events: [InotifyEvent] = []
        _ = waitUntilBlocking(timeout: 5) {
            events += (try? Inotify.read(fd, buffer: buffer)) ?? []
            return events.contains { $0.mask & UInt32(IN_CLOSE_WRITE) != 0 }
        }
        #expect(events.contains { $0.watch == watch && $0.name == "a.jpg" && $0.mask & UInt32(IN_CREATE) != 0 })
        #expect(events.contains { $0.watch == watch && $0.name == "a.jpg" && $0.mask & UInt32(IN_CLOSE_WRITE) != 0 })
    }

    /// A folder that is a symlink gets no watch: it would watch wherever the link points.
    @Test func watchOnASymlinkedFolder_isRefused() throws {
        let root = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: root.appending("linked"), withDestinationPath: outside.path)
        let fd = try Inotify.open()
        defer { close(fd) }
        #expect(throws: SystemError.self) {
            try Inotify.addWatch(fd, folder: ConfinedPath(root: root.path, relative: "linked"), root: root.path, mask: Inotify.inboxMask)
        }
    }

    @Test func read_withNothingQueued_returnsNoEvents() throws {
        let fd = try Inotify.open()
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { buffer.deallocate() }
        #expect(try Inotify.read(fd, buffer: buffer).isEmpty)
    }

    @Test func addWatch_onAMissingFolder_throwsWithErrno() throws {
        let fd = try Inotify.open()
        defer { close(fd) }
        #expect(throws: SystemError(errno: ENOENT, reason: "inotify_add_watch(/nonexistent-invoiced)")) {
            try Inotify.addWatch(fd, path: "/nonexistent-invoiced", mask: Inotify.inboxMask)
        }
    }
}
