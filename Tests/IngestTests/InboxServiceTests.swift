import Foundation
import Ingest
import JobStore
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// The inbox service on a real folder with real inotify (or polling), run in a service group.
@Suite struct InboxServiceTests {
    /// Runs the service over `f` while `body` runs, then shuts it down gracefully.
    func withInbox(_ f: IngestFixture, settle: Double = 0.2, poll: Double? = nil,
                   _ body: (_ queued: @Sendable () -> Int) async throws -> Void) async throws {
        let count = Mutex(0)
        let settings = InboxSettings(path: f.inbox, settle: settle, pollInterval: poll, rescanInterval: 0, skipDuplicates: true)
        let intake = IntakeService(processor: f.intake) { _ in count.withLock { $0 += 1 } }
        let service = InboxService(settings: settings, intake: intake, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: intake), .init(service: service)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await waitUntil(timeout: 10) { service.isWatching })
            try await body { count.withLock { $0 } }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func filesDroppedWritten_slowly_renamed_andInNewSubfolders_areEachQueuedOnce() async throws {
        let f = try IngestFixture()
        try f.drop("before-start.jpg", "present at start")
        try await withInbox(f) { queued in
            try f.drop("a.jpg", "plain")
            // A new subfolder: its file may land before the watch on it exists.
            try f.drop("scanner-7/b.jpg", "in a new subfolder")
            // Renamed in from outside the inbox.
            let outside = try TemporaryDirectory()
            try Data("renamed".utf8).write(to: URL(fileURLWithPath: outside.appending("c.jpg")))
            try FileManager.default.moveItem(atPath: outside.appending("c.jpg"), toPath: "\(f.inbox)/c.jpg")
            // Written in chunks with pauses shorter than the settle time, the file kept open.
            let handle = try #require(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: "\(f.inbox)/d.jpg", contents: nil); return "\(f.inbox)/d.jpg" }()))
            for chunk in 0..<5 {
                try handle.write(contentsOf: Data(repeating: UInt8(chunk), count: 10_000))
                try await Task.sleep(for: .milliseconds(100))
                // Not taken while it is still growing.
                #expect(FileManager.default.fileExists(atPath: "\(f.inbox)/d.jpg"))
            }
            try handle.close()
            // Temporary names are left alone.
            try f.drop("e.jpg.part", "partial")
            #expect(await waitUntil(timeout: 20) { queued() == 5 })
        }
        let jobs = try f.store.allJobs()
        #expect(jobs.count == 5)
        #expect(Set(jobs.map(\.filename)) == ["before-start.jpg", "a.jpg", "b.jpg", "c.jpg", "d.jpg"])
        #expect(jobs.first { $0.filename == "b.jpg" }?.uploader == "scanner-7")
        #expect(jobs.first { $0.filename == "d.jpg" }?.sizeBytes == 50_000)
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
            // The scenario: the writer pauses for 5× the settle time without closing.
            try await Task.sleep(for: .milliseconds(500))
            #expect(queued() == 0)
            try handle.write(contentsOf: Data(repeating: 2, count: 1000))
            try handle.close()
            #expect(await waitUntil(timeout: 10) { queued() == 1 })
        }
        #expect(try f.store.allJobs().first?.sizeBytes == 2000)
    }

    @Test func pollingMode_findsFilesWithoutInotify() async throws {
        let f = try IngestFixture()
        try await withInbox(f, settle: 0.1, poll: 0.2) { queued in
            try f.drop("share/a.jpg", "over smb")
            #expect(await waitUntil(timeout: 10) { queued() == 1 })
        }
        #expect(try f.store.allJobs().map(\.uploader) == ["share"])
    }

    @Test func inboxDeletedAndRecreated_isWatchedAgain() async throws {
        let f = try IngestFixture()
        try await withInbox(f, settle: 0.1) { queued in
            try FileManager.default.removeItem(atPath: f.inbox)
            try await Task.sleep(for: .milliseconds(200))
            try FileManager.default.createDirectory(atPath: f.inbox, withIntermediateDirectories: true)
            try f.drop("after.jpg", "back again")
            #expect(await waitUntil(timeout: 15) { queued() == 1 })
        }
    }
}
