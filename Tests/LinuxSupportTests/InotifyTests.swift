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
