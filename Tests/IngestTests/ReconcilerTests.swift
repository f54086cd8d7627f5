import APIWire
import Foundation
import Ingest
import JobStore
import JobStoreTestSupport
import LinuxSupport
import TestSupport
import Testing

/// Each test builds the state a crash at one instant leaves behind, then checks that
/// reconciliation ends with the file in exactly one job, in the right place.
@Suite struct ReconcilerTests {
    let policy = RetryPolicy(maxAttempts: 3)

    /// A job inserted by intake step 1 (the crash came before or during the move).
    func pendingJob(_ f: IngestFixture, source: String, name: String) throws -> Job {
        let id = UUID().uuidString.lowercased()
        let job = Job(id: id, filepath: f.layout.spoolPath(id: id, filename: name), filename: name, uploader: nil,
                      userId: nil, sourcePath: source, now: Date())
        try f.store.beginIntake(job)
        return job
    }

    @Test func crashAfterInsert_beforeMove_completesFromTheInbox() throws {
        let f = try IngestFixture()
        let file = try f.drop("a.jpg", "content")
        let job = try pendingJob(f, source: file.path, name: "a.jpg")
        let report = try Reconciler(intake: f.intake, policy: policy).run()
        #expect(report.intakesCompleted == 1)
        let after = try #require(try f.store.job(id: job.id))
        #expect(after.status == .queued && !after.intakePending)
        #expect(FileManager.default.fileExists(atPath: job.filepath))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try f.store.allJobs().count == 1)
    }

    @Test func crashAfterMove_beforeHash_completesFromTheSpool() throws {
        let f = try IngestFixture()
        let file = try f.drop("a.jpg", "content")
        let job = try pendingJob(f, source: file.path, name: "a.jpg")
        try FileSystem.move(try #require(file.confined), to: try f.layout.confined(job.filepath))
        _ = try Reconciler(intake: f.intake, policy: policy).run()
        let after = try #require(try f.store.job(id: job.id))
        #expect(after.status == .queued)
        #expect(after.sha256 != nil)
    }

    @Test func crashDuringCrossDeviceCopy_redoesTheCopy() throws {
        let f = try IngestFixture()
        let file = try f.drop("a.jpg", "content")
        let job = try pendingJob(f, source: file.path, name: "a.jpg")
        try Data("cont".utf8).write(to: URL(fileURLWithPath: job.filepath + ".partial"))
        _ = try Reconciler(intake: f.intake, policy: policy).run()
        #expect(try String(contentsOfFile: job.filepath, encoding: .utf8) == "content")
        #expect(try f.spoolFiles() == [URL(fileURLWithPath: job.filepath).lastPathComponent])
    }

    @Test func fileGoneEverywhere_dropsTheRow() throws {
        let f = try IngestFixture()
        let job = try pendingJob(f, source: "\(f.inbox)/gone.jpg", name: "gone.jpg")
        let report = try Reconciler(intake: f.intake, policy: policy).run()
        #expect(report.intakesDropped == 1)
        #expect(try f.store.job(id: job.id) == nil)
    }

    /// Issue 13, item 6: a SIGKILL gives the attempt back (a power cut blames no file), but a
    /// file that gets the daemon OOM-killed each time must not loop forever: killed while
    /// holding it `max_attempts` times in a row, it fails and says why.
    @Test func killedWhileProcessing_isRequeuedWithItsAttemptGivenBack_untilItHappensMaxAttemptsTimesInARow() throws {
        let f = try IngestFixture()
        guard case let .queued(id) = f.intake.take(try f.drop("a.jpg", "x")) else { Issue.record("not queued"); return }
        for round in 1...3 {
            #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)?.id == id)
            // SIGKILL or a power cut: no crash record names the job.
            let report = try Reconciler(intake: f.intake, policy: policy, crashedOn: ["some-other-job"]).run()
            let job = try #require(try f.store.job(id: id))
            if round < 3 {
                #expect(report.requeued == 1 && report.failedInterrupted == 0)
                #expect(job.status == .queued && job.attempts == 0 && job.interruptions == round)
            } else {
                #expect(report.failedInterrupted == 1)
                #expect(job.status == .failed)
                #expect(job.errorMessage?.contains("killed 3 times in a row") == true)
                #expect(job.filepath.hasPrefix(f.layout.failed))
            }
        }
    }

    /// Deaths in a row, not in all: a run that ends the attempt otherwise (a retry, a clean
    /// hand-back at shutdown) starts the count again.
    @Test func aCleanHandBack_betweenKills_startsTheCountAgain() throws {
        let f = try IngestFixture()
        guard case let .queued(id) = f.intake.take(try f.drop("a.jpg", "x")) else { Issue.record("not queued"); return }
        for _ in 1...2 {
            _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)
            _ = try Reconciler(intake: f.intake, policy: policy, crashedOn: []).run()
        }
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)
        try f.store.handBack(jobId: id, holder: testHolder, now: Date())
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)
        _ = try Reconciler(intake: f.intake, policy: policy, crashedOn: []).run()
        let job = try #require(try f.store.job(id: id))
        #expect(job.status == .queued && job.interruptions == 1)
    }

    /// A job whose holder died runs alone: nothing starts beside it, and it waits for what
    /// is running, so an OOM kill it causes interrupts no other job.
    @Test func aJobWhoseHolderDied_runsAlone() throws {
        let f = try IngestFixture()
        guard case let .queued(suspect) = f.intake.take(try f.drop("a.jpg", "a")) else { Issue.record("not queued"); return }
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)
        _ = try Reconciler(intake: f.intake, policy: policy, crashedOn: []).run()
        guard case let .queued(other) = f.intake.take(try f.drop("b.jpg", "b")) else { Issue.record("not queued"); return }
        guard case .queued = f.intake.take(try f.drop("c.jpg", "c")) else { Issue.record("not queued"); return }

        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)?.id == suspect)
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600) == nil, "nothing starts beside the suspect")
        _ = try f.store.scheduleRetry(jobId: suspect, holder: testHolder, message: "transient", at: Date(), now: Date())
        #expect(try f.store.job(id: suspect)?.interruptions == 0)
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)?.id == suspect)
        _ = try f.store.failForTest(jobId: suspect, message: "done with it", failedPath: f.layout.failedPath(id: suspect, filename: "a.jpg"), now: Date())
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)?.id == other)
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 600) != nil, "ordinary jobs run side by side")
    }

    @Test func crashedWhileProcessing_isRequeued_untilAttemptsAreUsedUp() throws {
        let f = try IngestFixture()
        guard case let .queued(id) = f.intake.take(try f.drop("a.jpg", "x")) else { Issue.record("not queued"); return }
        for round in 1...3 {
            _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 600)
            let report = try Reconciler(intake: f.intake, policy: policy, crashedOn: [id]).run()
            if round < 3 {
                #expect(report.requeued == 1)
                #expect(try f.store.job(id: id)?.status == .queued)
            } else {
                #expect(report.failedInterrupted == 1)
                let failed = try #require(try f.store.job(id: id))
                #expect(failed.status == .failed)
                #expect(failed.errorMessage?.contains("crashed 3 times while reading this file") == true)
                // The file followed the row into failed/.
                #expect(FileManager.default.fileExists(atPath: failed.filepath))
                #expect(failed.filepath.hasPrefix(f.layout.failed))
            }
        }
    }

    @Test func doneJobWhoseFileStayedInSpool_isArchived() throws {
        let f = try IngestFixture()
        guard case let .queued(id) = f.intake.take(try f.drop("a.jpg", "x")) else { Issue.record("not queued"); return }
        let job = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)!
        let archive = f.layout.archivePath(id: id, filename: "a.jpg", date: Date())
        _ = try f.store.completeForTest(jobId: id, invoice: Invoice(jobId: id, filename: "a.jpg", rawText: "", createdAt: Date()),
                                 pages: 1, resultPath: "r", archivePath: archive, now: Date())
        // Crash here: the row says archive/, the file is still in spool/.
        #expect(FileManager.default.fileExists(atPath: job.filepath))
        let report = try Reconciler(intake: f.intake, policy: policy).run()
        #expect(report.filesPlaced == 1)
        #expect(FileManager.default.fileExists(atPath: archive))
        #expect(try f.spoolFiles().isEmpty)
    }

    @Test func strayFileInSpool_isAdoptedAsAJob() throws {
        let f = try IngestFixture()
        try Data("stray".utf8).write(to: URL(fileURLWithPath: "\(f.layout.spool)/stray.png"))
        let report = try Reconciler(intake: f.intake, policy: policy).run()
        #expect(report.orphansAdopted == 1)
        let jobs = try f.store.allJobs()
        #expect(jobs.count == 1)
        #expect(jobs.first?.filename == "stray.png")
        #expect(jobs.first?.status == .queued)
    }

    @Test func cleanState_reportsNothing() throws {
        let f = try IngestFixture()
        #expect(try Reconciler(intake: f.intake, policy: policy).run() == Reconciler.Report())
    }
}
