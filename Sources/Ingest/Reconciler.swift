import APIWire
import Foundation
import JobStore
import LinuxSupport
import Logging

/// Startup reconciliation: finishes whatever a crash or kill left half done, before the
/// watcher and the workers start, so every file ends in exactly one job.
///
/// - a job still `intake_pending`: its file is completed into the spool from wherever it is
///   (or, if it is nowhere, the row is dropped: nothing was taken);
/// - a job left `processing`: requeued. When the last run died of a fault or an abort while
///   reading it (`CrashRecord`), the attempt counts, and a job that has used up its attempts
///   fails: a file that crashes the daemon each time must not loop forever. When the run was
///   killed (SIGKILL, power cut), the file is not to blame and the attempt is given back;
/// - a spool file whose job has finished: moved to the `archive/` or `failed/` path its row
///   names; a spool file with no job at all: adopted as a new job.
public struct Reconciler: Sendable {
    let intake: IntakeProcessor
    let policy: RetryPolicy
    let crashedOn: Set<String>
    /// Other nodes of a shared store use the same data folder, and are at work while this one
    /// starts: a copy's or an upload's leftover in the spool may be one of theirs under way.
    let sharedDataFolder: Bool

    /// Leftovers younger than this are left alone on a shared data folder.
    static let sharedLeftoverAge: TimeInterval = 3600

    /// A reconciler that completes intakes with `intake` and judges interrupted jobs by
    /// `policy`; `crashedOn` holds the jobs the last run was reading when it crashed.
    public init(intake: IntakeProcessor, policy: RetryPolicy, crashedOn: Set<String> = [], sharedDataFolder: Bool = false) {
        self.intake = intake
        self.policy = policy
        self.crashedOn = crashedOn
        self.sharedDataFolder = sharedDataFolder
    }

    /// What reconciliation did, for the log and for tests.
    public struct Report: Sendable, Equatable {
        public var intakesCompleted = 0
        public var intakesDropped = 0
        public var requeued = 0
        public var failedInterrupted = 0
        public var filesPlaced = 0
        public var orphansAdopted = 0

        /// Nothing done.
        public init() {}
    }

    /// Runs every step; the spool is tidied last, once the interrupted intakes have put their
    /// files there (and removed what their copies left). Blocking.
    public func run() throws -> Report {
        var report = Report()
        (report.intakesCompleted, report.intakesDropped) = try completeInterruptedIntakes()
        (report.requeued, report.failedInterrupted) = try settleInterruptedJobs()
        (report.filesPlaced, report.orphansAdopted) = try tidySpool()
        return report
    }

    /// Each job still `intake_pending` gets its file into the spool and its intake finished,
    /// or is dropped when its file is nowhere; how many of each.
    private func completeInterruptedIntakes() throws -> (completed: Int, dropped: Int) {
        let store = intake.store
        let layout = intake.layout
        var completed = 0, dropped = 0
        for job in try store.pendingIntakes() {
            let spool = try layout.confined(job.filepath)
            let source = self.source(of: job)
            if try FileSystem.status(spool)?.kind == .regular {
                // The move finished; a cross-device copy may have left the source behind.
                if let source { try FileSystem.removeIfPresent(source) }
            } else if let source, try Self.regularFile(at: source) {
                try FileSystem.removeIfPresent(layout.confined(job.filepath + ".partial"))
                try FileSystem.move(source, to: spool)
            } else {
                try store.abandonIntake(id: job.id)
                dropped += 1
                intake.logger.warning("interrupted intake dropped: the file is gone", metadata: ["job": "\(job.id)", "file": "\(job.filename)"])
                continue
            }
            _ = try intake.finish(jobId: job.id, filename: job.filename, spoolPath: job.filepath)
            completed += 1
        }
        return (completed, dropped)
    }

    /// Each job left `processing` is requeued, or failed when the daemon died reading it too
    /// often (killed, or crashed, as the type's comment says); how many of each.
    private func settleInterruptedJobs() throws -> (requeued: Int, failed: Int) {
        let store = intake.store
        let layout = intake.layout
        let logger = intake.logger
        var requeued = 0, failed = 0
        let now = Date()
        for job in try store.interruptedJobs() {
            let crashed = crashedOn.contains(job.id)
            if !crashed && job.interruptions + 1 >= policy.maxAttempts {
                // Killed while holding it, run after run (it ran alone after the first): the
                // OOM killer's mark. Nothing is lost: the file waits in failed/ for a retry.
                let message = "the daemon was killed \(job.interruptions + 1) times in a row while reading this file, most likely for memory "
                    + "(the unit's MemoryMax=; see `journalctl -u invoiced | grep -i oom`); retry it with `invoicectl retry \(job.id)` once memory allows"
                try store.failInterrupted(jobId: job.id, message: message, failedPath: layout.failedPath(id: job.id, filename: job.filename), now: now)
                failed += 1
                logger.error("job failed", metadata: ["job": "\(job.id)", "file": "\(job.filename)", "error": "\(message)"])
            } else if !crashed || policy.mayResumeInterrupted(attempts: job.attempts) {
                try store.requeueInterrupted(jobId: job.id, now: now, refundAttempt: !crashed)
                requeued += 1
                logger.info("job requeued after an interrupted run", metadata: [
                    "job": "\(job.id)", "file": "\(job.filename)", "attempts": "\(crashed ? job.attempts : job.attempts - 1)",
                    "cause": "\(crashed ? "the daemon crashed while reading it" : "the daemon was stopped")"])
            } else {
                let message = "the daemon crashed \(job.attempts) times while reading this file (a fault or abort in the OCR libraries, or a hang the watchdog ended)"
                let failedPath = layout.failedPath(id: job.id, filename: job.filename)
                try store.failInterrupted(jobId: job.id, message: message, failedPath: failedPath, now: now)
                failed += 1
                logger.error("job failed", metadata: ["job": "\(job.id)", "file": "\(job.filename)", "error": "\(message)"])
            }
        }
        return (requeued, failed)
    }

    /// The spool holds only files of unfinished jobs afterwards: leftovers of copies and
    /// uploads removed, a finished job's file moved to where its row says, a file with no
    /// row adopted; how many placed and adopted.
    private func tidySpool() throws -> (placed: Int, adopted: Int) {
        let store = intake.store
        let layout = intake.layout
        var placed = 0, adopted = 0
        for name in try FileSystem.entries(layout.spool) {
            let path = "\(layout.spool)/\(name)"
            if name.hasSuffix(".partial") || name.hasSuffix(".tmp") || name.hasSuffix(".upload") {
                // Left by a copy that reconciliation has already redone above, or an upload
                // that never got its job row (and so was never acknowledged). On a shared
                // folder, only when no node can still be writing it.
                if try !sharedDataFolder || Self.isOld(layout.confined(path)) { try FileSystem.removeIfPresent(layout.confined(path)) }
                continue
            }
            guard let id = DataLayout.jobId(ofSpoolName: name), let job = try store.job(id: id) else {
                try adoptOrphan(path: path, name: name)
                adopted += 1
                continue
            }
            let finished = [.done, .failed, .duplicate].contains(job.status)
            if finished && job.filepath != path {
                if try place(path, at: job.filepath) { placed += 1 }
            }
        }
        return (placed, adopted)
    }

    /// Moves a finished job's spool file to where its row says; false when, on a shared
    /// folder, the node that finished the job placed it meanwhile.
    private func place(_ path: String, at destination: String) throws -> Bool {
        let layout = intake.layout
        let result = Result { () throws(SystemError) in try FileSystem.move(layout.confined(path), to: layout.confined(destination)) }
        if case let .failure(error) = result, sharedDataFolder, error.errno == ENOENT { return false }
        try result.get()
        return true
    }

    /// Whether the file at `path` was last written over `sharedLeftoverAge` ago.
    private static func isOld(_ path: ConfinedPath) throws -> Bool {
        guard let status = try FileSystem.status(path) else { return false }
        return Date().timeIntervalSince1970 - Double(status.modifiedNanoseconds) / 1e9 > sharedLeftoverAge
    }

    /// Where an interrupted intake's file came from, below the inbox or (an upload) the data
    /// folder. A source path below neither (the inbox was moved) is not touched.
    private func source(of job: Job) -> ConfinedPath? {
        guard let path = job.sourcePath else { return nil }
        if let source = ConfinedPath(path, beneath: intake.inbox) { return source }
        if let source = ConfinedPath(path, beneath: intake.layout.root) { return source }
        intake.logger.warning("an interrupted intake's file is outside the inbox and the data folder; it is left alone",
                              metadata: ["job": "\(job.id)", "file": "\(path)"])
        return nil
    }

    /// Whether a regular file is at `path`; a folder on the way that is a symlink counts as
    /// nothing there (it is never followed).
    private static func regularFile(at path: ConfinedPath) throws -> Bool {
        do {
            return try FileSystem.status(path)?.kind == .regular
        } catch where error.errno == ELOOP {
            return false
        }
    }

    /// A spool file with no row (copied in by hand, or from a store that was replaced):
    /// give it a job rather than leave it forgotten.
    private func adoptOrphan(path: String, name: String) throws {
        let id = UUID().uuidString.lowercased()
        let spoolPath = intake.layout.spoolPath(id: id, filename: name)
        var job = Job(id: id, filepath: spoolPath, filename: name, uploader: nil, userId: nil, sourcePath: path, now: Date())
        job.intakePending = true
        try intake.store.beginIntake(job)
        try FileSystem.move(intake.layout.confined(path), to: intake.layout.confined(spoolPath))
        _ = try intake.finish(jobId: id, filename: name, spoolPath: spoolPath)
        intake.logger.warning("adopted a spool file that had no job", metadata: ["job": "\(id)", "file": "\(name)"])
    }
}
