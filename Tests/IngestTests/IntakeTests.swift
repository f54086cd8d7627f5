import APIWire
import Foundation
import Glibc
import Ingest
import JobStore
import LinuxSupport
import Logging
import TestSupport
import Testing

/// An inbox, a data folder and a store in one temp folder.
struct IngestFixture {
    let dir: TemporaryDirectory
    let layout: DataLayout
    let store: JobStore
    let intake: IntakeProcessor
    var inbox: String { dir.appending("inbox") }

    init(skipDuplicates: Bool = true) throws {
        dir = try TemporaryDirectory()
        layout = DataLayout(root: dir.appending("data"))
        try layout.createDirectories()
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        store = try JobStore(path: layout.database)
        intake = IntakeProcessor(store: store, layout: layout, inbox: dir.appending("inbox"), skipDuplicates: skipDuplicates, logger: Logger(label: "test"))
    }

    /// Writes `content` at `relative` under the inbox and returns it as an inbox file.
    @discardableResult
    func drop(_ relative: String, _ content: String) throws -> InboxFile {
        let path = "\(inbox)/\(relative)"
        try FileManager.default.createDirectory(atPath: FileSystem.parentPath(path), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        return InboxFile(inbox: inbox, relativePath: relative)
    }

    func spoolFiles() throws -> [String] { try FileSystem.entries(layout.spool) }
}

@Suite struct IntakeTests {
    @Test func take_movesFileToSpool_andQueuesJobWithHashAndUploader() throws {
        let f = try IngestFixture()
        let file = try f.drop("scanner-2/hóa đơn.jpg", "abc")
        guard case let .queued(id) = f.intake.take(file) else { Issue.record("not queued"); return }
        let job = try #require(try f.store.job(id: id))
        #expect(job.status == .queued)
        #expect(job.filename == "hóa đơn.jpg")
        #expect(job.uploader == "scanner-2")
        #expect(job.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(job.sizeBytes == 3)
        #expect(!job.intakePending)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(FileManager.default.fileExists(atPath: job.filepath))
        #expect(job.filepath.hasPrefix(f.layout.spool))
    }

    @Test func sameContentTwice_isOneJobAndOneDuplicateInArchive() throws {
        let f = try IngestFixture()
        guard case let .queued(first) = f.intake.take(try f.drop("a.jpg", "same")) else { Issue.record("not queued"); return }
        let result = f.intake.take(try f.drop("scanner-1/copy.jpg", "same"))
        guard case let .duplicate(second, original) = result else { Issue.record("not a duplicate: \(result)"); return }
        #expect(original == first)
        let dup = try #require(try f.store.job(id: second))
        #expect(dup.filepath.hasPrefix(f.layout.archive))
        #expect(FileManager.default.fileExists(atPath: dup.filepath))
        #expect(try f.spoolFiles().count == 1)
    }

    @Test func reprocessSetting_queuesTheSameContentAgain() throws {
        let f = try IngestFixture(skipDuplicates: false)
        _ = f.intake.take(try f.drop("a.jpg", "same"))
        guard case .queued = f.intake.take(try f.drop("b.jpg", "same")) else { Issue.record("not queued"); return }
    }

    /// The store wrote an intake's row but its answer was lost (a connection cut just after
    /// the commit): the file is still in the inbox. The next take drops that row and takes
    /// the file anew, rather than skipping it for as long as the row lives.
    @Test func aRowWhoseFileNeverMoved_isDropped_andTheFileTakenAnew() throws {
        let f = try IngestFixture()
        let file = try f.drop("a.jpg", "lost answer")
        let lost = Job(id: "lost", filepath: f.layout.spoolPath(id: "lost", filename: "a.jpg"), filename: "a.jpg",
                       uploader: "inbox", userId: nil, sourcePath: file.path, now: Date())
        try f.store.beginIntake(lost)
        guard case let .queued(id) = f.intake.take(file) else { Issue.record("not queued"); return }
        #expect(id != "lost")
        #expect(try f.store.allJobs().map(\.id) == [id])
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func vanishedFile_isSkippedWithoutAJob() throws {
        let f = try IngestFixture()
        let file = try f.drop("a.jpg", "x")
        try FileManager.default.removeItem(atPath: file.path)
        #expect(f.intake.take(file) == .skipped)
        #expect(try f.store.allJobs().isEmpty)
    }

    @Test func symlinkAndFIFO_areNeverTaken() throws {
        let f = try IngestFixture()
        try FileManager.default.createSymbolicLink(atPath: "\(f.inbox)/passwd.jpg", withDestinationPath: "/etc/passwd")
        mkfifo("\(f.inbox)/fifo.jpg", 0o600)
        #expect(f.intake.take(InboxFile(inbox: f.inbox, relativePath: "passwd.jpg")) == .skipped)
        #expect(f.intake.take(InboxFile(inbox: f.inbox, relativePath: "fifo.jpg")) == .skipped)
        #expect(try f.store.allJobs().isEmpty)
    }
}
