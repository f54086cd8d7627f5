import Foundation
import JobEvents
import JobStore
import LinuxSupport
import Logging

/// Takes one settled file out of the inbox and records it, in an order that a crash at any
/// instant cannot turn into a lost file or a job recorded twice:
///
/// 1. insert the job with `intake_pending` and the file's source path;
/// 2. move the file into `spool/<job-id>.<ext>` (rename, or copy+fsync+rename+unlink across
///    file systems);
/// 3. hash the spool copy and, in one transaction, store the hash and release the job
///    (`queued`) or mark it a `duplicate`.
///
/// A crash after 1 leaves a pending row that `Reconciler` completes from wherever the file
/// is. Blocking: runs on the intake thread only.
public struct IntakeProcessor: Sendable {
    /// What intake did with a file.
    public enum Result: Sendable, Equatable {
        case queued(jobId: String)
        case duplicate(jobId: String, of: String)
        /// Nothing to take: the file vanished, is no longer a regular file, or is being taken.
        case skipped
        /// The file could not be moved out of the inbox (it stays there) or read (it is in
        /// `failed/`); the failed job says why.
        case refused(jobId: String, reason: String)
        /// Intake could not finish now (database locked, disk full); the file stays in the
        /// inbox, or in the spool with its intake pending, and the same file handed in again
        /// (or reconciliation at the next start) finishes it.
        case deferred(reason: String)
    }

    let store: any InvoiceStore
    let layout: DataLayout
    /// The inbox folder: source paths below it are resolved beneath it (reconciliation).
    let inbox: String
    let skipDuplicates: Bool
    let logger: Logger
    let events: JobEventBus?

    /// An intake that takes files from `inbox`, records them into `store`, moves them under
    /// `layout`, and announces jobs on `events`.
    public init(store: any InvoiceStore, layout: DataLayout, inbox: String, skipDuplicates: Bool, logger: Logger,
                events: JobEventBus? = nil) {
        self.store = store
        self.layout = layout
        self.inbox = inbox
        self.skipDuplicates = skipDuplicates
        self.logger = logger
        self.events = events
    }

    /// Takes `file` from the inbox.
    public func take(_ file: InboxFile, userId: String? = nil) -> Result {
        do {
            if let pending = try store.pendingIntake(sourcePath: file.path) {
                // An earlier take moved the file into the spool but could not record it (the
                // store was in trouble): finish that one now.
                if try FileSystem.status(layout.confined(pending.filepath))?.kind == .regular {
                    return try finish(jobId: pending.id, filename: pending.filename, spoolPath: pending.filepath)
                }
                // Its row was written but the file never moved (the store's answer to the
                // insert was lost with the connection): that take is dropped, this one starts over.
                try store.abandonIntake(id: pending.id)
            }
            guard let source = file.confined, try FileSystem.status(source)?.kind == .regular else { return .skipped }
            let id = UUID().uuidString.lowercased()
            let spoolPath = layout.spoolPath(id: id, filename: file.name)
            let job = Job(id: id, filepath: spoolPath, filename: file.name, uploader: file.uploader,
                          userId: userId, sourcePath: file.path, now: Date())
            try store.beginIntake(job)
            CrashPoint.here("intake.after_insert")
            do {
                try FileSystem.move(source, to: layout.confined(spoolPath))
            } catch where error.errno == ELOOP {
                // A folder on the way became a symlink after the check: nothing was moved.
                try store.abandonIntake(id: id)
                logSymlinkedFolder(file, error)
                return .skipped
            } catch where error.errno == ENOENT {
                try store.abandonIntake(id: id)
                logger.info("file vanished before it was taken", metadata: ["file": "\(file.name)"])
                return .skipped
            } catch {
                // The file stays in the inbox, and the job says why.
                return try refuse(jobId: id, filename: file.name, reason: "cannot move the file out of the inbox: \(error)",
                                  from: file.path, to: file.path)
            }
            CrashPoint.here("intake.after_move")
            return try finish(jobId: id, filename: file.name, spoolPath: spoolPath)
        } catch let error as SystemError where error.errno == ELOOP {
            logSymlinkedFolder(file, error)
            return .skipped
        } catch {
            logger.error("intake could not finish; it is tried again shortly",
                         metadata: ["file": "\(file.name)", "error": "\(error)"])
            return .deferred(reason: "\(error)")
        }
    }

    /// Takes a file uploaded over HTTP exactly like one dropped in the inbox: its bytes are
    /// written and synced to `spool/<id>.upload` first (a crash before the job row exists
    /// leaves only that, which reconciliation deletes: the upload was never acknowledged),
    /// then the same three intake steps run from there. `filename` is data, never a path.
    public func takeUpload(_ bytes: [UInt8], filename: String, userId: String?) throws -> Result {
        let id = UUID().uuidString.lowercased()
        let name = DataLayout.safeName(filename)
        let temporary = "\(layout.spool)/\(id).upload"
        try FileSystem.writeAtomically(bytes, to: temporary)
        let spoolPath = layout.spoolPath(id: id, filename: name)
        let job = Job(id: id, filepath: spoolPath, filename: name, uploader: "upload", userId: userId,
                      sourcePath: temporary, now: Date())
        do {
            try store.beginIntake(job)
        } catch {
            try? FileSystem.removeIfPresent(temporary)
            throw error
        }
        // From here the upload is recorded: a failure leaves a pending intake that
        // reconciliation completes.
        try FileSystem.move(layout.confined(temporary), to: layout.confined(spoolPath))
        return try finish(jobId: id, filename: name, spoolPath: spoolPath)
    }

    /// Step 3: hash the spool copy and release the job. Also used by reconciliation.
    ///
    /// A file the daemon cannot read (a scanner's share writing files only their owner may
    /// read, while invoiced runs as its own user) fails here with the reason and goes to
    /// `failed/`: the move into the spool needed only the folders' permissions. Other read
    /// errors and trouble with the store are thrown, for the caller to try again.
    func finish(jobId: String, filename: String, spoolPath: String) throws -> Result {
        let hex: String
        let size: Int64
        do {
            (hex, size) = try FileHasher.sha256(of: spoolPath)
        } catch {
            // Only what the file itself refuses (ErrnoPolicy); running out of descriptors or an
            // I/O error is the machine's trouble, and the intake is tried again.
            guard ErrnoPolicy.blame(error.errno, doing: .readingADocument) == .theFile else { throw error }
            return try refuse(jobId: jobId, filename: filename, reason: Self.unreadableReason(error), from: spoolPath,
                              to: layout.failedPath(id: jobId, filename: filename))
        }
        let duplicatePath = layout.archivePath(id: jobId, filename: filename, date: Date())
        let outcome = try store.finishIntake(id: jobId, sha256: hex, sizeBytes: size, skipDuplicates: skipDuplicates,
                                             duplicatePath: duplicatePath, now: Date())
        switch outcome {
        case .queued:
            logger.info("job queued", metadata: ["job": "\(jobId)", "file": "\(filename)", "bytes": "\(size)"])
            events?.publish(.queued, jobId: jobId, filename: filename)
            return .queued(jobId: jobId)
        case let .duplicate(original):
            CrashPoint.here("intake.before_duplicate_move")
            try FileSystem.move(layout.confined(spoolPath), to: layout.confined(duplicatePath))
            logger.info("job duplicate", metadata: ["job": "\(jobId)", "file": "\(filename)", "original": "\(original)"])
            events?.publish(.duplicate, jobId: jobId, filename: filename, message: "same content as job \(original)")
            return .duplicate(jobId: jobId, of: original)
        }
    }
}

extension IntakeProcessor {
    /// A file whose folder is a symlink is never taken, like a symlink itself: the log says so.
    private func logSymlinkedFolder(_ file: InboxFile, _ error: SystemError) {
        logger.warning("not taken: a folder on the way to the file is a symlink, and symlinks are never followed",
                       metadata: ["file": "\(file.relativePath)", "error": "\(error)"])
    }

    /// Ends the intake of `jobId` as failed with `reason`, its file moved from `from` to `to`
    /// (the row first: a crash before the move is finished by reconciliation).
    private func refuse(jobId: String, filename: String, reason: String, from: String, to: String) throws -> Result {
        try store.failIntake(id: jobId, message: reason, failedPath: to, now: Date())
        if from != to {
            do {
                try FileSystem.move(layout.confined(from), to: layout.confined(to))
            } catch {
                // Gone already (deleted by hand): the failed job is all there is to keep.
                if error.errno != ENOENT { throw error }
            }
        }
        logger.error("job failed", metadata: ["job": "\(jobId)", "file": "\(filename)", "error": "\(reason)"])
        events?.publish(.failed, jobId: jobId, filename: filename, message: reason)
        return .refused(jobId: jobId, reason: reason)
    }

    static func unreadableReason(_ error: SystemError) -> String {
        guard error.errno == EACCES || error.errno == EPERM else { return "cannot read the file: \(error)" }
        return "cannot read the file: permission denied to user \(UserDatabase.effectiveUserName()), which invoiced runs as; "
            + "make such files readable by it (chmod, or the share's create mask) and retry the job"
    }

    /// Puts a failed job back in the queue (`retry`). One that failed at intake was never
    /// hashed: intake's last step runs again, so it is checked for duplicates, and fails
    /// again if its file is still unreadable. Blocking: on the intake thread.
    public func retry(jobId: String) throws -> Job {
        let job = try store.retryFailed(id: jobId, layout: layout, now: Date())
        if job.intakePending {
            _ = try finish(jobId: job.id, filename: job.filename, spoolPath: job.filepath)
            return try store.job(id: job.id) ?? job
        }
        logger.info("job queued again by request", metadata: ["job": "\(job.id)", "file": "\(job.filename)"])
        events?.publish(.queued, jobId: job.id, filename: job.filename)
        return job
    }
}
