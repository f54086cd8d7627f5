import APIWire
import Foundation
import JobStore
import TestSupport
import Testing

/// The job queue's guarantees, held by one suite against both stores: SQLite (one host) and
/// PostgreSQL (many nodes). Each test runs once per store.
@Suite struct SharedQueueTests {
    @Test(arguments: StoreKind.allCases)
    func claim_takesOldestFirst_eachJobOnce_andNotAPendingIntake(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let base = Date()
        let pending = Job(id: "pending", filepath: "/s/p.jpg", filename: "p.jpg", uploader: nil, userId: nil,
                          sourcePath: "/in/p.jpg", now: base.addingTimeInterval(-10))
        try q.queue.beginIntake(pending)
        let (second, _) = try q.queuedJob("b.jpg", sha: "b", at: base.addingTimeInterval(1))
        let (first, _) = try q.queuedJob("a.jpg", sha: "a", at: base)
        let now = base.addingTimeInterval(2)
        let claimed = try #require(try q.queue.claimNext(holder: "n/w0", now: now, lease: 60))
        #expect(claimed.id == first.id && claimed.status == .processing && claimed.attempts == 1 && claimed.lockedBy == "n/w0")
        #expect(try q.queue.claimNext(holder: "n/w1", now: now, lease: 60)?.id == second.id)
        #expect(try q.queue.claimNext(holder: "n/w2", now: now, lease: 60) == nil)
    }

    /// Two workers on different nodes claiming at once from the same queue: every job is
    /// taken exactly once.
    @Test(arguments: StoreKind.allCases)
    func concurrentClaims_takeEachJobExactlyOnce(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        let base = Date().addingTimeInterval(-100)
        for index in 0..<40 { try q.queuedJob("\(index).jpg", sha: "sha-\(index)", at: base.addingTimeInterval(Double(index))) }
        let other: any JobQueue = try q.location.map { try QueueUnderTest.node($0) } ?? q.queue
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, queue) in [q.queue, other, q.queue, other].enumerated() {
                group.addTask {
                    try await onOwnThread {
                        var ids: [String] = []
                        while let job = try queue.claimNext(holder: "node-\(index % 2)/w\(index)", now: Date(), lease: 600) {
                            ids.append(job.id)
                        }
                        return ids
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(claims.count == 40)
        #expect(Set(claims).count == 40)
    }

    @Test(arguments: StoreKind.allCases)
    func aLeaseThatRanOut_isTakenOver_andTheOldHolderCanEndNothing(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let now = Date()
        let (job, _) = try q.queuedJob("a.jpg", sha: "a", at: now)
        _ = try #require(try q.queue.claimNext(holder: "a/w0", now: now, lease: 10))
        #expect(try q.queue.claimNext(holder: "b/w0", now: now.addingTimeInterval(5), lease: 10) == nil)
        let taken = try #require(try q.queue.claimNext(holder: "b/w0", now: now.addingTimeInterval(11), lease: 10))
        #expect(taken.id == job.id && taken.attempts == 2 && taken.lockedBy == "b/w0")
        let later = now.addingTimeInterval(12)
        let invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "x", createdAt: later)
        #expect(try q.queue.complete(jobId: job.id, holder: "a/w0", invoice: invoice, pages: 1, resultPath: "/r",
                                     archivePath: "/a", now: later) == nil)
        #expect(try !q.queue.reportProgress(id: job.id, holder: "a/w0", progress: 50, leaseUntil: later, now: later))
        #expect(try !q.queue.fail(jobId: job.id, holder: "a/w0", message: "x", failedPath: "/f", now: later))
        #expect(try !q.queue.scheduleRetry(jobId: job.id, holder: "a/w0", message: "x", at: later, countsAttempt: true, now: later))
        try q.queue.handBack(jobId: job.id, holder: "a/w0", now: later)
        let held = try #require(try q.queue.job(id: job.id))
        #expect(held.status == .processing && held.lockedBy == "b/w0")
        let invoiceId = try #require(try q.queue.complete(jobId: job.id, holder: "b/w0", invoice: invoice, pages: 1,
                                                          resultPath: "/r", archivePath: "/a", now: later))
        let done = try #require(try q.queue.job(id: job.id))
        #expect(done.status == .done && done.invoiceId == invoiceId && done.lockedBy == nil && done.leaseExpiresAt == nil)
        // A replay of the completion adds nothing.
        #expect(try q.queue.complete(jobId: job.id, holder: "b/w0", invoice: invoice, pages: 1, resultPath: "/r",
                                     archivePath: "/a", now: later) == nil)
    }

    /// A late failure (a file trouble after the commit) must not turn a done job back into
    /// a queued or failed one: it would be read again and its invoice recorded twice.
    @Test(arguments: StoreKind.allCases)
    func aDoneJob_isNeitherRetriedNorFailed(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let (job, _) = try q.queuedJob("a.jpg", sha: "a")
        _ = try #require(try q.queue.claimNext(holder: "n/w0", now: Date(), lease: 60))
        _ = try #require(try q.queue.complete(jobId: job.id, holder: "n/w0",
                                              invoice: Invoice(jobId: job.id, filename: job.filename, rawText: "x", createdAt: Date()),
                                              pages: 1, resultPath: "/r", archivePath: "/a", now: Date()))
        #expect(try !q.queue.scheduleRetry(jobId: job.id, holder: "n/w0", message: "late", at: Date(), countsAttempt: true, now: Date()))
        #expect(try !q.queue.fail(jobId: job.id, holder: "n/w0", message: "late", failedPath: "/f", now: Date()))
        let after = try #require(try q.queue.job(id: job.id))
        #expect(after.status == .done && after.filepath == "/a" && after.errorMessage == nil)
        #expect(try q.queue.claimNext(holder: "n/w0", now: Date(), lease: 60) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func progress_renewsTheLease(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let now = Date()
        let (job, _) = try q.queuedJob("a.jpg", sha: "a", at: now)
        _ = try q.queue.claimNext(holder: "a/w0", now: now, lease: 10)
        #expect(try q.queue.reportProgress(id: job.id, holder: "a/w0", progress: 40, leaseUntil: now.addingTimeInterval(30),
                                           now: now.addingTimeInterval(9)))
        #expect(try q.queue.job(id: job.id)?.progress == 40)
        #expect(try q.queue.claimNext(holder: "b/w0", now: now.addingTimeInterval(20), lease: 10) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func sameContent_isADuplicateOfTheFirst_unlessReprocessing(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let (first, firstOutcome) = try q.queuedJob("a.jpg", sha: "same")
        let (second, secondOutcome) = try q.queuedJob("copy of a.jpg", sha: "same")
        #expect(firstOutcome == .queued)
        #expect(secondOutcome == .duplicate(of: first.id))
        #expect(second.status == .duplicate && second.duplicateOf == first.id && second.sourcePath == nil)
        let (_, third) = try q.queuedJob("again.jpg", sha: "same", skipDuplicates: false)
        #expect(third == .queued)
    }

    /// The invoice row comes back as it went in: text with Vietnamese diacritics, amounts,
    /// dates to the millisecond, flags.
    @Test(arguments: StoreKind.allCases)
    func complete_storesTheInvoice_andMarksTheJobDone(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let now = Date(timeIntervalSince1970: 1_780_000_000.125)
        let (job, _) = try q.queuedJob("a.jpg", sha: "a", at: now)
        _ = try q.queue.claimNext(holder: "a/w0", now: now, lease: 60)
        var invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "HÓA ĐƠN GIÁ TRỊ GIA TĂNG", createdAt: now)
        invoice.sellerName = "CÔNG TY TNHH ĐẠI PHÁT"
        invoice.sellerTaxCode = "0101234567"
        invoice.totalAmount = 1_080_000
        invoice.vatAmount = 80_000.5
        invoice.currency = "VND"
        invoice.needsReview = true
        let id = try #require(try q.queue.complete(jobId: job.id, holder: "a/w0", invoice: invoice, pages: 2,
                                                   resultPath: "/r.json", archivePath: "/a.jpg", now: now))
        let done = try #require(try q.queue.job(id: job.id))
        #expect(done.status == .done && done.invoiceId == id && done.progress == 100 && done.pages == 2 && done.filepath == "/a.jpg")
        #expect(done.completedAt.map { abs($0.timeIntervalSince(now)) < 0.001 } == true)
        let stored = try #require(try q.queue.invoice(id: id))
        #expect(stored.sellerName == "CÔNG TY TNHH ĐẠI PHÁT" && stored.rawText == invoice.rawText)
        #expect(stored.totalAmount == 1_080_000 && stored.vatAmount == 80_000.5 && stored.currency == "VND")
        #expect(stored.needsReview && stored.sellerFolded == "cong ty tnhh dai phat")
        #expect(abs(stored.createdAt.timeIntervalSince(now)) < 0.001)
    }

    @Test(arguments: StoreKind.allCases)
    func aRetry_waitsForItsTime_andCountsItsAttempt(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let now = Date()
        let (job, _) = try q.queuedJob("a.jpg", sha: "a", at: now)
        _ = try q.queue.claimNext(holder: "a/w0", now: now, lease: 60)
        #expect(try q.queue.scheduleRetry(jobId: job.id, holder: "a/w0", message: "disk full", at: now.addingTimeInterval(30),
                                          countsAttempt: true, now: now))
        #expect(try q.queue.claimNext(holder: "a/w0", now: now.addingTimeInterval(29), lease: 60) == nil)
        #expect(try q.queue.nextRetryTime().map { $0.timeIntervalSince(now).rounded() } == 30)
        let retried = try #require(try q.queue.claimNext(holder: "a/w0", now: now.addingTimeInterval(31), lease: 60))
        #expect(retried.attempts == 2 && retried.errorMessage == "disk full")
        // Trouble that was not the file's gives the attempt back.
        #expect(try q.queue.scheduleRetry(jobId: job.id, holder: "a/w0", message: "database busy", at: now,
                                          countsAttempt: false, now: now.addingTimeInterval(32)))
        #expect(try q.queue.job(id: job.id)?.attempts == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func failAndHandBack_endTheAttemptAsTheLifeCycleSays(kind: StoreKind) throws {
        let q = try QueueUnderTest(kind)
        let (a, _) = try q.queuedJob("a.jpg", sha: "a", at: Date().addingTimeInterval(-2))
        let (b, _) = try q.queuedJob("b.jpg", sha: "b", at: Date().addingTimeInterval(-1))
        _ = try q.queue.claimNext(holder: "n/w0", now: Date(), lease: 60)
        _ = try q.queue.claimNext(holder: "n/w1", now: Date(), lease: 60)
        try q.queue.handBack(jobId: a.id, holder: "n/w0", now: Date())
        let back = try #require(try q.queue.job(id: a.id))
        #expect(back.status == .queued && back.attempts == 0 && back.lockedBy == nil)
        #expect(try q.queue.fail(jobId: b.id, holder: "n/w1", message: "not an image", failedPath: "/failed/b.jpg", now: Date()))
        let failed = try #require(try q.queue.job(id: b.id))
        #expect(failed.status == .failed && failed.errorMessage == "not an image" && failed.filepath == "/failed/b.jpg")
        // Failed is not claimable, and a second failure changes nothing.
        #expect(try q.queue.claimNext(holder: "n/w1", now: Date(), lease: 60)?.id == a.id)
        #expect(try !q.queue.fail(jobId: b.id, holder: "n/w1", message: "again", failedPath: "/x", now: Date()))
    }
}
