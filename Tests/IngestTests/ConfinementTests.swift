import Foundation
import Glibc
import Ingest
import JobStore
import LinuxSupport
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Issue 13, item 1: the inbox is written by anyone on the share, folders included. A folder
/// swapped for a symlink must never make the daemon move, read or delete a file outside the
/// inbox; item 9: a name that is not UTF-8 is taken under an escaped name, never ignored.
@Suite struct ConfinementTests {
    /// The reproduction from the issue: `inbox/e/x` is seen, then `e` is swapped for a
    /// symlink to the data folder, where a file of the same name lives.
    @Test func folderSwappedForASymlink_afterTheFileWasSeen_takesNothingFromOutside() throws {
        let f = try IngestFixture()
        let seen = try f.drop("e/victim.jpg", "inbox copy")
        let outside = "\(f.layout.root)/victim.jpg"
        try Data("the daemon's own file".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.moveItem(atPath: "\(f.inbox)/e", toPath: "\(f.inbox)/e2")
        try FileManager.default.createSymbolicLink(atPath: "\(f.inbox)/e", withDestinationPath: f.layout.root)

        #expect(f.intake.take(seen) == .skipped)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "the daemon's own file")
        #expect(try f.store.allJobs().isEmpty)
        #expect(try f.spoolFiles().isEmpty)
        // The real folder's file is still there to be taken under its own path.
        #expect(f.intake.take(InboxFile(inbox: f.inbox, relativePath: "e2/victim.jpg")) != .skipped)
    }

    /// A crash between recording and moving leaves a pending intake whose source folder may
    /// since have become a symlink: reconciliation drops the row and leaves the outside alone.
    @Test func reconciliation_doesNotFollowASymlinkedSourceFolder() throws {
        let f = try IngestFixture()
        let outsideFolder = try TemporaryDirectory()
        let outside = outsideFolder.appending("a.jpg")
        try Data("outside".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: "\(f.inbox)/scanner", withDestinationPath: outsideFolder.path)
        let id = UUID().uuidString.lowercased()
        let job = Job(id: id, filepath: f.layout.spoolPath(id: id, filename: "a.jpg"), filename: "a.jpg", uploader: "scanner",
                      userId: nil, sourcePath: "\(f.inbox)/scanner/a.jpg", now: Date())
        try f.store.beginIntake(job)

        let report = try Reconciler(intake: f.intake, policy: RetryPolicy(maxAttempts: 3)).run()
        #expect(report.intakesDropped == 1)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside")
        #expect(try f.spoolFiles().isEmpty)
    }

    /// A source path outside both the inbox and the data folder (a hostile or stale row) is
    /// never touched.
    @Test func reconciliation_leavesASourceOutsideTheInboxAlone() throws {
        let f = try IngestFixture()
        let outsideFolder = try TemporaryDirectory()
        let outside = outsideFolder.appending("a.jpg")
        try Data("outside".utf8).write(to: URL(fileURLWithPath: outside))
        let id = UUID().uuidString.lowercased()
        try f.store.beginIntake(Job(id: id, filepath: f.layout.spoolPath(id: id, filename: "a.jpg"), filename: "a.jpg",
                                    uploader: nil, userId: nil, sourcePath: outside, now: Date()))
        _ = try Reconciler(intake: f.intake, policy: RetryPolicy(maxAttempts: 3)).run()
        #expect(FileManager.default.fileExists(atPath: outside))
        #expect(try f.spoolFiles().isEmpty)
    }

    @Test func scanner_listsASymlinkedFolder_withoutWalkingIt() throws {
        let f = try IngestFixture()
        let outsideFolder = try TemporaryDirectory()
        try Data("outside".utf8).write(to: URL(fileURLWithPath: outsideFolder.appending("secret.jpg")))
        try f.drop("real/a.jpg", "inside")
        try FileManager.default.createSymbolicLink(atPath: "\(f.inbox)/linked", withDestinationPath: outsideFolder.path)

        let listing = InboxScanner.scan(inbox: f.inbox)
        #expect(listing.files.map(\.relativePath) == ["real/a.jpg"])
        #expect(listing.symlinks == ["linked"])
    }

    @Test func aNameThatIsNotUTF8_isListedWithItsBytes_andEscapedAsPercentHex() throws {
        let f = try IngestFixture()
        let bytes: [UInt8] = Array("hóa-".utf8) + [0xE9, 0xFF] + Array(".jpg".utf8)
        let path = Array(f.inbox.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
        #expect(fd >= 0)
        close(fd)

        let listing = InboxScanner.scan(inbox: f.inbox)
        #expect(listing.files.isEmpty)
        #expect(listing.unnamed.map(\.bytes) == [bytes])
        #expect(InboxNames.escaped(bytes) == "hóa-%E9%FF.jpg")
    }

    /// The live path: the watcher renames such a file to its escaped name and takes it.
    @Test func aNameThatIsNotUTF8_droppedWhileWatching_isTakenUnderItsEscapedName() async throws {
        let f = try IngestFixture()
        let count = Mutex(0)
        let settings = InboxSettings(path: f.inbox, settle: 0.2, pollInterval: nil, rescanInterval: 0, skipDuplicates: true)
        let intake = IntakeService(processor: f.intake) { _ in count.withLock { $0 += 1 } }
        let service = InboxService(settings: settings, intake: intake, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: intake), .init(service: service)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await waitUntil(timeout: 10) { service.isWatching })
            let path = Array("\(f.inbox)/scan-".utf8) + [0xC3, 0x28] + Array(".jpg".utf8) + [0]
            let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
            #expect(fd >= 0)
            _ = write(fd, "bytes", 5)
            close(fd)
            #expect(await waitUntil(timeout: 20) { count.withLock { $0 } == 1 })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try f.store.allJobs().map(\.filename) == ["scan-%C3(.jpg"])
        #expect(try FileSystem.entries(f.inbox).isEmpty)
    }
}
