import Foundation
import Glibc
import Ingest
import JobStore
import LinuxSupport
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
        #expect(createFile(named: bytes, in: f.inbox))

        let listing = InboxScanner.scan(inbox: f.inbox)
        #expect(listing.files.isEmpty)
        #expect(listing.unnamed.map(\.bytes) == [bytes])
        #expect(InboxNames.escaped(bytes) == "hóa-%E9%FF.jpg")
    }

    /// The live path: the watcher renames such a file to its escaped name and takes it.
    @Test func aNameThatIsNotUTF8_droppedWhileWatching_isTakenUnderItsEscapedName() async throws {
        let f = try IngestFixture()
        try await InboxServiceTests().withInbox(f) { queued in
            #expect(createFile(named: Array("scan-".utf8) + [0xC3, 0x28] + Array(".jpg".utf8), in: f.inbox, content: "bytes"))
            #expect(await waitUntil(timeout: 20) { queued() == 1 })
        }
        #expect(try f.store.allJobs().map(\.filename) == ["scan-%C3(.jpg"])
        #expect(try FileSystem.entries(f.inbox).isEmpty)
    }
}

/// Creates a file whose name is `bytes` (not necessarily UTF-8, which Foundation's paths
/// cannot say) in `folder`; false when it cannot.
private func createFile(named bytes: [UInt8], in folder: String, content: String = "") -> Bool {
    let path = Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]
    let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return write(fd, content, content.utf8.count) == content.utf8.count
}
