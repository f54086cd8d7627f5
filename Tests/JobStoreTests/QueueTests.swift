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

@Suite struct QueueTests {
    /// A late failure (a file trouble after the commit) must not turn a done job back into
    /// a queued or failed one: it would be read again and its invoice recorded twice.
    @Test func doneJob_isNeitherRetriedNorFailed() throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        _ = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        _ = try f.store.complete(jobId: job.id, holder: testHolder,
                                 invoice: Invoice(jobId: job.id, filename: job.filename, rawText: "x", createdAt: Date()),
                                 pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
        #expect(try !f.store.scheduleRetry(jobId: job.id, holder: testHolder, message: "late", at: Date(), now: Date()))
        #expect(try !f.store.fail(jobId: job.id, holder: testHolder, message: "late", failedPath: "/f", now: Date()))
        let after = try #require(try f.store.job(id: job.id))
        #expect(after.status == .done && after.filepath == "/a" && after.errorMessage == nil)
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60) == nil)
    }

    @Test func pendingIntake_isNotClaimable_untilFinished() throws {
        let f = try StoreFixture()
        let id = UUID().uuidString.lowercased()
        try f.store.beginIntake(Job(id: id, filepath: "/s/x.jpg", filename: "x.jpg", uploader: nil, userId: nil, sourcePath: "/in/x.jpg", now: Date()))
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60) == nil)
        #expect(try f.store.pendingIntake(sourcePath: "/in/x.jpg")?.id == id)
        _ = try f.store.finishIntake(id: id, sha256: "aa", sizeBytes: 1, skipDuplicates: true, duplicatePath: "/a", now: Date())
        let claimed = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        #expect(claimed?.id == id)
        #expect(claimed?.status == .processing)
        #expect(claimed?.attempts == 1)
        #expect(claimed?.sourcePath == nil)
    }

    @Test func claim_takesOldestFirst_andEachJobOnce() throws {
        let f = try StoreFixture()
        let base = Date()
        let (second, _) = try f.queuedJob("b.jpg", sha: "b", at: base.addingTimeInterval(1))
        let (first, _) = try f.queuedJob("a.jpg", sha: "a", at: base)
        #expect(try f.store.claimNext(holder: testHolder, now: base.addingTimeInterval(2), lease: 60)?.id == first.id)
        #expect(try f.store.claimNext(holder: testHolder, now: base.addingTimeInterval(2), lease: 60)?.id == second.id)
        #expect(try f.store.claimNext(holder: testHolder, now: base.addingTimeInterval(2), lease: 60) == nil)
    }

    @Test func expiredLease_isClaimedAgain_withAnotherAttempt() throws {
        let f = try StoreFixture()
        let now = Date()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a", at: now)
        _ = try f.store.claimNext(holder: testHolder, now: now, lease: 10)
        #expect(try f.store.claimNext(holder: testHolder, now: now.addingTimeInterval(5), lease: 10) == nil)
        let again = try f.store.claimNext(holder: testHolder, now: now.addingTimeInterval(11), lease: 10)
        #expect(again?.id == job.id)
        #expect(again?.attempts == 2)
    }

    @Test func progress_extendsTheLease() throws {
        let f = try StoreFixture()
        let now = Date()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a", at: now)
        _ = try f.store.claimNext(holder: testHolder, now: now, lease: 10)
        try f.store.reportProgress(id: job.id, holder: testHolder, progress: 40, leaseUntil: now.addingTimeInterval(30), now: now.addingTimeInterval(9))
        #expect(try f.store.job(id: job.id)?.progress == 40)
        #expect(try f.store.claimNext(holder: testHolder, now: now.addingTimeInterval(20), lease: 10) == nil)
    }

    @Test func sameContent_becomesDuplicateOfTheFirst_unlessReprocessing() throws {
        let f = try StoreFixture()
        let (first, firstOutcome) = try f.queuedJob("a.jpg", sha: "same")
        let (second, secondOutcome) = try f.queuedJob("copy of a.jpg", sha: "same")
        #expect(firstOutcome == .queued)
        #expect(secondOutcome == .duplicate(of: first.id))
        #expect(second.status == .duplicate)
        #expect(second.duplicateOf == first.id)
        let (_, third) = try f.queuedJob("again.jpg", sha: "same", skipDuplicates: false)
        #expect(third == .queued)
    }

    @Test func complete_storesInvoiceAndMarksDone_inOneTransaction() throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        var invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "HÓA ĐƠN", createdAt: Date())
        invoice.totalAmount = 1_080_000
        let id = try #require(try f.store.complete(jobId: job.id, holder: testHolder, invoice: invoice, pages: 1,
                                                   resultPath: "/r.json", archivePath: "/a.jpg", now: Date()))
        let done = try f.store.job(id: job.id)!
        #expect(done.status == .done)
        #expect(done.invoiceId == id)
        #expect(done.progress == 100)
        #expect(done.filepath == "/a.jpg")
        #expect(try f.store.invoice(id: id)?.totalAmount == 1_080_000)
        // A second completion of the same job (a replay after a crash) adds no second invoice:
        // the job is no longer held.
        #expect(try f.store.complete(jobId: job.id, holder: testHolder, invoice: invoice, pages: 1, resultPath: "/r.json",
                                     archivePath: "/a.jpg", now: Date()) == nil)
        #expect(try f.store.pool.read { db in try Invoice.fetchCount(db) } == 1)
    }

    @Test func retry_isNotClaimedBeforeItsTime() throws {
        let f = try StoreFixture()
        let now = Date()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a", at: now)
        _ = try f.store.claimNext(holder: testHolder, now: now, lease: 60)
        try f.store.scheduleRetry(jobId: job.id, holder: testHolder, message: "disk full", at: now.addingTimeInterval(30), now: now)
        #expect(try f.store.claimNext(holder: testHolder, now: now.addingTimeInterval(29), lease: 60) == nil)
        #expect(try f.store.nextRetryTime()?.timeIntervalSince(now).rounded() == 30)
        let retried = try f.store.claimNext(holder: testHolder, now: now.addingTimeInterval(31), lease: 60)
        #expect(retried?.attempts == 2)
        #expect(retried?.errorMessage == "disk full")
    }

    @Test func handBack_returnsJobWithoutCountingTheAttempt() throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        try f.store.handBack(jobId: job.id, holder: testHolder, now: Date())
        let back = try f.store.job(id: job.id)!
        #expect(back.status == .queued)
        #expect(back.attempts == 0)
    }

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

    /// A worker whose lease ran out while it read (a node cut off, a stalled disk) and whose
    /// job another worker took over cannot end the attempt any more: its completion writes
    /// no invoice, its failure, retry, hand-back and progress change nothing; the new holder
    /// completes the job once.
    @Test func aWorkerWhoseLeaseWasTakenOver_cannotEndTheAttempt() throws {
        let f = try StoreFixture()
        let now = Date()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a", at: now)
        let first = try #require(try f.store.claimNext(holder: "node-a/worker-0", now: now, lease: 10))
        #expect(first.lockedBy == "node-a/worker-0")
        let second = try #require(try f.store.claimNext(holder: "node-b/worker-0", now: now.addingTimeInterval(11), lease: 10))
        #expect(second.id == job.id && second.attempts == 2 && second.lockedBy == "node-b/worker-0")
        let invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "x", createdAt: now)
        let later = now.addingTimeInterval(12)
        #expect(try f.store.complete(jobId: job.id, holder: "node-a/worker-0", invoice: invoice, pages: 1, resultPath: "/r",
                                     archivePath: "/a", now: later) == nil)
        #expect(try !f.store.reportProgress(id: job.id, holder: "node-a/worker-0", progress: 50, leaseUntil: later, now: later))
        #expect(try !f.store.fail(jobId: job.id, holder: "node-a/worker-0", message: "x", failedPath: "/f", now: later))
        #expect(try !f.store.scheduleRetry(jobId: job.id, holder: "node-a/worker-0", message: "x", at: later, now: later))
        try f.store.handBack(jobId: job.id, holder: "node-a/worker-0", now: later)
        let held = try #require(try f.store.job(id: job.id))
        #expect(held.status == .processing && held.lockedBy == "node-b/worker-0" && held.attempts == 2)
        #expect(try f.store.pool.read { db in try Invoice.fetchCount(db) } == 0)
        let invoiceId = try f.store.complete(jobId: job.id, holder: "node-b/worker-0", invoice: invoice, pages: 1,
                                             resultPath: "/r", archivePath: "/a", now: later)
        #expect(invoiceId != nil)
        let done = try #require(try f.store.job(id: job.id))
        #expect(done.status == .done && done.lockedBy == nil && done.invoiceId == invoiceId)
    }

    @Test func reopening_keepsJobsAndSchema() throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        let reopened = try JobStore(path: f.store.path)
        #expect(try reopened.job(id: job.id)?.filename == "a.jpg")
    }
}
