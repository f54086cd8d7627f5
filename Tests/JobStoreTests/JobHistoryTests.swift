import APIWire
import Foundation
import GRDB
import TestSupport
import Testing

@testable import JobStore
import JobStoreTestSupport

/// Issue 16, the invoice page's job "and its history": every change of a job's status is
/// kept, whichever path made it, with its attempts and, for a retry, why; it goes with the
/// job.
@Suite struct JobHistoryTests {
    @Test func claims_aRetryWithItsReason_andTheEnd_areKept_inOrder() async throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.png", sha: "a")
        let t0 = Date(timeIntervalSince1970: 1_791_187_200)
        _ = try #require(try f.store.claimNext(holder: testHolder, now: t0, lease: 60))
        #expect(try f.store.scheduleRetry(jobId: job.id, holder: testHolder, message: "Tesseract ran out of time on page 1", at: t0, now: t0.addingTimeInterval(5)))
        _ = try #require(try f.store.claimNext(holder: testHolder, now: t0.addingTimeInterval(10), lease: 60))
        let invoice = Invoice(jobId: job.id, filename: "a.png", rawText: "", createdAt: t0)
        _ = try f.store.completeForTest(jobId: job.id, invoice: invoice, pages: 1, resultPath: "/r", archivePath: "/a", now: t0.addingTimeInterval(20))
        let history = try await f.store.jobHistory(id: job.id)
        #expect(history.map(\.status) == [.processing, .queued, .processing, .done])
        #expect(history.map(\.attempts) == [1, 1, 2, 2])
        #expect(history[1].message == "Tesseract ran out of time on page 1")
        #expect(history.last?.at == t0.addingTimeInterval(20))
    }

    @Test func aFailedJobRetriedByHand_andRemoved_takesItsHistoryWithIt() async throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("b.png", sha: "b")
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        #expect(try f.store.failForTest(jobId: job.id, message: "not an image", failedPath: "/f", now: Date()))
        #expect(try await f.store.jobHistory(id: job.id).map(\.status) == [.processing, .failed])
        let id = job.id
        try await f.store.pool.write { db in try db.execute(sql: "DELETE FROM ocr_jobs WHERE id = ?", arguments: [id]) }
        #expect(try await f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_history") } == 0)
    }
}
