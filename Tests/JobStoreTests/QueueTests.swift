import APIWire
import Foundation
import GRDB
import JobStore
import JobStoreTestSupport
import TestSupport
import Testing

/// A store in a temp folder with a few helpers to put jobs in it.
struct StoreFixture {
    let dir: TemporaryDirectory
    let store: JobStore

    init() throws {
        dir = try TemporaryDirectory()
        store = try JobStore(path: dir.appending("invoiced.sqlite"))
    }

    /// A job through both intake steps, with content hash `sha`.
    @discardableResult
    func queuedJob(_ name: String, sha: String, at date: Date = Date(), skipDuplicates: Bool = true) throws -> (Job, IntakeOutcome) {
        let id = UUID().uuidString.lowercased()
        let job = Job(id: id, filepath: dir.appending("spool/\(id).jpg"), filename: name, uploader: nil, userId: nil,
                      sourcePath: dir.appending("inbox/\(name)"), now: date)
        try store.beginIntake(job)
        let outcome = try store.finishIntake(id: id, sha256: sha, sizeBytes: 10, skipDuplicates: skipDuplicates,
                                             duplicatePath: dir.appending("archive/\(id).jpg"), now: date)
        return (try store.job(id: id)!, outcome)
    }
}

/// What only the SQLite store has; the queue's guarantees on both stores are
/// PostgresStoreTests/SharedQueueTests.
@Suite struct QueueTests {
    @Test func stats_countEveryStatus() async throws {
        let f = try StoreFixture()
        try f.queuedJob("a.jpg", sha: "a")
        try f.queuedJob("b.jpg", sha: "a")
        let (c, _) = try f.queuedJob("c.jpg", sha: "c")
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        try f.store.failForTest(jobId: c.id, message: "bad", failedPath: "/f", now: Date())
        let stats = try await f.store.stats()
        #expect(stats.counts[.processing] == 1 || stats.counts[.queued] == 1)
        #expect(stats.counts[.duplicate] == 1)
        #expect(stats.counts[.failed] == 1)
        #expect(stats.counts[.done] == 0)
        #expect(stats.counts.values.reduce(0, +) == 3)
    }

    @Test func reopening_keepsJobsAndSchema() throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        let reopened = try JobStore(path: f.store.path)
        #expect(try reopened.job(id: job.id)?.filename == "a.jpg")
    }
}
