import Foundation
import InMemoryLogging
import Ingest
import JobStore
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// The inbox service on a real folder with real inotify (or polling), run in a service group.
/// A test that says a file was not taken first waits for other files to be taken after it
/// could have been: else a starved machine would pass it without the inbox having looked.
// Serialized, with minute-long deadlines: in a full run, on two cores shared with every other
// suite, a service took more than 10 s to start watching (the waits count real time now); a
// deadline only bounds how long a real failure takes to show, each wait ends at its event.
@Suite(.serialized) struct InboxServiceTests {
    /// Runs the service over `f` while `body` runs, then shuts it down gracefully; the
    /// service logs into `log`.
    func withInbox(_ f: IngestFixture, settle: Double = 0.2, poll: Double? = nil, log: InMemoryLogHandler = InMemoryLogHandler(),
                   _ body: (_ queued: @Sendable () -> Int) async throws -> Void) async throws {
        let count = Mutex(0)
        let settings = InboxSettings(path: f.inbox, settle: settle, pollInterval: poll, rescanInterval: 0, skipDuplicates: true)
        let intake = IntakeService(processor: f.intake) { _ in count.withLock { $0 += 1 } }
        let service = InboxService(settings: settings, intake: intake, logger: Logger(label: "test", factory: { _ in log }))
        let group = ServiceGroup(configuration: .init(services: [.init(service: intake), .init(service: service)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await waitUntil(timeout: 60) { service.isWatching })
            try await body { count.withLock { $0 } }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func filesDroppedWritten_slowly_renamed_andInNewSubfolders_areEachQueuedOnce() async throws {
        let f = try IngestFixture()
        try f.drop("before-start.jpg", "present at start")
        var chunks = 0
        try await withInbox(f) { queued in
            // Temporary names are left alone. Dropped first, it is due long before d.jpg
            // below: were it taken, it would be among the first five.
            try f.drop("e.jpg.part", "partial")
            // Written in chunks with pauses shorter than the settle time, the file kept open.
            let growing = "\(f.inbox)/d.jpg"
            FileManager.default.createFile(atPath: growing, contents: nil)
            let handle = try #require(FileHandle(forWritingAtPath: growing))
            try f.drop("a.jpg", "plain")
            // A new subfolder: its file may land before the watch on it exists.
            try f.drop("scanner-7/b.jpg", "in a new subfolder")
            // Renamed in from outside the inbox.
            let outside = try TemporaryDirectory()
            try Data("renamed".utf8).write(to: URL(fileURLWithPath: outside.appending("c.jpg")))
            try FileManager.default.moveItem(atPath: outside.appending("c.jpg"), toPath: "\(f.inbox)/c.jpg")
            // The writing goes on until the four other files are taken: the inbox was at work
            // all along, and left this one alone while it grew.
            let deadline = ContinuousClock.now + .seconds(20)
            while queued() < 4 || chunks < 5 {
                guard ContinuousClock.now < deadline else {
                    Issue.record("the other files were not taken within 20 s: \(queued()) queued")
                    break
                }
                try handle.write(contentsOf: Data(repeating: UInt8(chunks % 256), count: 10_000))
                chunks += 1
                try await Task.sleep(for: .milliseconds(100))
                #expect(FileManager.default.fileExists(atPath: growing), "taken while it was still growing")
            }
            try handle.close()
            #expect(await waitUntil(timeout: 20) { queued() == 5 })
        }
        let jobs = try f.store.allJobs()
        #expect(jobs.count == 5)
        #expect(Set(jobs.map(\.filename)) == ["before-start.jpg", "a.jpg", "b.jpg", "c.jpg", "d.jpg"])
        #expect(jobs.first { $0.filename == "b.jpg" }?.uploader == "scanner-7")
        #expect(jobs.first { $0.filename == "d.jpg" }?.sizeBytes == Int64(chunks * 10_000))
        #expect(FileManager.default.fileExists(atPath: "\(f.inbox)/e.jpg.part"))
        #expect(try f.spoolFiles().count == 5)
    }

    @Test func fileHeldOpen_withAPauseLongerThanTheSettleTime_isTakenOnlyAfterClose() async throws {
        let f = try IngestFixture()
        try await withInbox(f, settle: 0.1) { queued in
            let path = "\(f.inbox)/slow.jpg"
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(repeating: 1, count: 1000))
            // The scenario: the writer pauses without closing while other files settle and
            // are taken. The second is dropped once the first is taken, so it is taken on a
            // later turn of the inbox than any that found the open file past its settle time
            // (intake takes files in the order they are handed over).
            try f.drop("first.jpg", "settled")
            #expect(await waitUntil(timeout: 60) { queued() == 1 })
            try f.drop("second.jpg", "settled later")
            #expect(await waitUntil(timeout: 60) { queued() == 2 })
            #expect(try f.store.allJobs().map(\.filename).sorted() == ["first.jpg", "second.jpg"], "taken while open")
            try handle.write(contentsOf: Data(repeating: 2, count: 1000))
            try handle.close()
            #expect(await waitUntil(timeout: 60) { queued() == 3 })
        }
        #expect(try f.store.allJobs().first { $0.filename == "slow.jpg" }?.sizeBytes == 2000)
    }

    @Test func pollingMode_findsFilesWithoutInotify() async throws {
        let f = try IngestFixture()
        try await withInbox(f, settle: 0.1, poll: 0.2) { queued in
            try f.drop("share/a.jpg", "over smb")
            #expect(await waitUntil(timeout: 60) { queued() == 1 })
        }
        #expect(try f.store.allJobs().map(\.uploader) == ["share"])
    }

    @Test func inboxDeletedAndRecreated_isWatchedAgain() async throws {
        let f = try IngestFixture()
        let log = InMemoryLogHandler()
        func logged(_ message: String) -> Bool { log.entries.contains { "\($0.message)".hasPrefix(message) } }
        try await withInbox(f, settle: 0.1, log: log) { queued in
            try FileManager.default.removeItem(atPath: f.inbox)
            // Made again once the inbox has seen it go: the new folder must be found anew.
            #expect(await waitUntil(timeout: 60) { logged("the inbox folder was removed") })
            try FileManager.default.createDirectory(atPath: f.inbox, withIntermediateDirectories: true)
            try f.drop("after.jpg", "back again")
            #expect(await waitUntil(timeout: 15) { queued() == 1 })
            #expect(logged("the inbox folder is back"))
        }
    }
}
