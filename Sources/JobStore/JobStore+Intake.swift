import APIWire
import Foundation
import GRDB

/// How intake ended for a file.
public enum IntakeOutcome: Sendable, Equatable {
    /// Queued for OCR.
    case queued
    /// Same content as the job with this id; no OCR, no second invoice.
    case duplicate(of: String)
}

/// Intake in two steps around the file move, so a crash between them is recoverable:
/// `beginIntake` records the job (with `intake_pending`) before the file leaves the inbox,
/// `finishIntake` records its hash and releases it to the workers once it sits in the spool.
extension JobStore {
    /// Inserts a job whose file is about to be moved to `job.filepath`.
    public func beginIntake(_ job: Job) throws {
        try pool.write { db in try job.insert(db) }
    }

    /// Records the content of a job now in the spool and makes it runnable, or marks it a
    /// duplicate of an earlier job with the same content when `skipDuplicates` is set.
    /// `duplicatePath` is where a duplicate's file goes (the caller moves it).
    public func finishIntake(id: String, sha256: String, sizeBytes: Int64, skipDuplicates: Bool,
                             duplicatePath: String, now: Date) throws -> IntakeOutcome {
        try pool.write { db in
            guard var job = try Job.fetchOne(db, key: id), JobTransition.finishIntake.allows(from: job.status) else { return .queued }
            job.sha256 = sha256
            job.sizeBytes = sizeBytes
            job.intakePending = false
            job.sourcePath = nil
            job.updatedAt = now
            var outcome = IntakeOutcome.queued
            if skipDuplicates, let original = try String.fetchOne(db, sql: """
                SELECT id FROM ocr_jobs
                WHERE sha256 = ? AND id != ? AND status IN ('queued','processing','done')
                ORDER BY created_at LIMIT 1
                """, arguments: [sha256, id]) {
                job.status = .duplicate
                job.duplicateOf = original
                job.completedAt = now
                job.filepath = duplicatePath
                outcome = .duplicate(of: original)
            }
            try job.update(db)
            return outcome
        }
    }

    /// Jobs whose intake a crash interrupted.
    public func pendingIntakes() throws -> [Job] {
        try pool.read { db in
            try Job.filter(Job.Columns.intakePending == true).order(Job.Columns.createdAt).fetchAll(db)
        }
    }

    /// The job taking the file at `sourcePath`, if an intake of it is under way.
    public func pendingIntake(sourcePath: String) throws -> Job? {
        try pool.read { db in
            try Job.filter(Job.Columns.intakePending == true && Job.Columns.sourcePath == sourcePath).fetchOne(db)
        }
    }

    /// Removes a job whose file never reached the spool (it vanished first): there is
    /// nothing to process and nothing was lost.
    public func abandonIntake(id: String) throws {
        _ = try pool.write { db in try Job.deleteOne(db, key: id) }
    }
}

extension JobStore {
    /// Ends an intake as `failed` in one transaction: the file could not be taken or read.
    /// It sits at `failedPath`, or is moved there just after (reconciliation places it if a
    /// crash comes between).
    public func failIntake(id: String, message: String, failedPath: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'failed', error_message = ?, filepath = ?, intake_pending = 0,
                    source_path = NULL, completed_at = ?, updated_at = ?, lease_expires_at = NULL
                WHERE id = ? AND \(JobTransition.failIntake.statusGuard)
                """, arguments: [message, failedPath, now, now, id])
        }
    }
}
