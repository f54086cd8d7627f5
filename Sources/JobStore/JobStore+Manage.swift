import APIWire
import Foundation
import GRDB
import LinuxSupport

/// Why a job cannot be retried or deleted.
public enum JobManagementError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    /// Only failed jobs can be retried or deleted; this one is in another state.
    case notFailed(JobStatus)
    /// The file never left the inbox (it could not be moved); there is nothing to requeue.
    case fileNotInFailedFolder

    public var description: String {
        switch self {
        case .notFound: "no such job"
        case let .notFailed(status): "the job is \(status.rawValue); only failed jobs can be retried or deleted"
        case .fileNotInFailedFolder: "the job's file is not in the failed folder (it never left the inbox); fix the file's permissions and it will be taken again"
        }
    }
}

extension JobStore {
    /// Puts a failed job back in the queue with fresh attempts: its file moves from
    /// `failed/` back into the spool first, then one transaction requeues it (a crash
    /// between the two is undone by reconciliation, which sees a failed job's file in the
    /// spool and puts it back). A job that failed at intake (its file could not be read) was
    /// never hashed: it comes back with its intake pending, for intake to finish (hash,
    /// duplicate check) before a worker may take it. Blocking.
    public func retryFailed(id: String, layout: DataLayout, now: Date) throws -> Job {
        let (job, spoolPath) = try JobManagementError.moveBackForRetry(self.job(id: id), layout: layout)
        return try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'queued', attempts = 0, interruptions = 0, filepath = ?, next_attempt_at = NULL,
                    completed_at = NULL, started_at = NULL, progress = 0, updated_at = ?,
                    intake_pending = (sha256 IS NULL)
                WHERE id = ? AND \(JobTransition.retryFailed.statusGuard)
                """, arguments: [spoolPath, now, job.id])
            return try Job.fetchOne(db, key: job.id)!
        }
    }

    /// Deletes a failed job's row and its file in `failed/`. Blocking.
    public func deleteFailed(id: String, layout: DataLayout) throws {
        let job = try JobManagementError.deletable(self.job(id: id))
        _ = try pool.write { db in try Job.deleteOne(db, key: job.id) }
        try JobManagementError.removeFailedFile(of: job, layout: layout)
    }
}

/// The file side of retrying and deleting a failed job, the same on both stores.
extension JobManagementError {
    /// Checks that `job` may be retried and moves its file from `failed/` back into the spool
    /// (before the store requeues it); the job and its spool path.
    public static func moveBackForRetry(_ job: Job?, layout: DataLayout) throws -> (Job, String) {
        guard let job else { throw JobManagementError.notFound }
        guard JobTransition.retryFailed.allows(from: job.status) else { throw JobManagementError.notFailed(job.status) }
        guard job.filepath.hasPrefix(layout.failed + "/") else { throw JobManagementError.fileNotInFailedFolder }
        let spoolPath = layout.spoolPath(id: job.id, filename: job.filename)
        try FileSystem.move(layout.confined(job.filepath), to: layout.confined(spoolPath))
        return (job, spoolPath)
    }

    /// `job` when it may be deleted.
    public static func deletable(_ job: Job?) throws -> Job {
        guard let job else { throw JobManagementError.notFound }
        guard JobTransition.deleteFailed.allows(from: job.status) else { throw JobManagementError.notFailed(job.status) }
        return job
    }

    /// Removes a deleted job's file from `failed/` (a file elsewhere is not the job's to remove).
    public static func removeFailedFile(of job: Job, layout: DataLayout) throws {
        if job.filepath.hasPrefix(layout.failed + "/") { try FileSystem.removeIfPresent(layout.confined(job.filepath)) }
    }
}

/// What removing an invoice took away, and what it left.
public struct RemovedInvoice: Sendable, Equatable {
    /// The jobs whose reading it was (two when an XML and its PDF gave the same invoice).
    public var jobIds: [String]
    /// Their archived originals, kept: removing a reading must not lose the document.
    public var originals: [String]
}

extension JobStore {
    /// Removes a finished invoice: its row, its search entry, the `done` jobs that read it
    /// and their result JSON files, so a bad reading (or a hostile one) leaves no trace in
    /// lists, sums and chat, and the same file dropped again is read anew instead of being
    /// called a duplicate. The archived originals stay where they are. Blocking.
    public func removeInvoice(id: Int64, layout: DataLayout) throws -> RemovedInvoice? {
        let jobs: [Job]? = try pool.write { db in
            guard try Invoice.fetchOne(db, key: id) != nil else { return nil }
            let jobs = try Job.filter(Column("invoice_id") == id).fetchAll(db)
            try db.execute(sql: "DELETE FROM invoices_fts WHERE rowid = ?", arguments: [id])
            try db.execute(sql: "UPDATE ocr_jobs SET invoice_id = NULL WHERE invoice_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM invoices WHERE id = ?", arguments: [id])
            for job in jobs { _ = try Job.deleteOne(db, key: job.id) }
            return jobs
        }
        guard let jobs else { return nil }
        return try RemovedInvoice(removingResultsOf: jobs, layout: layout)
    }
}

extension RemovedInvoice {
    /// What removing an invoice read by `jobs` took away, once their result files are gone.
    public init(removingResultsOf jobs: [Job], layout: DataLayout) throws {
        for case let result? in jobs.map(\.resultPath) where result.hasPrefix(layout.root + "/") {
            try FileSystem.removeIfPresent(layout.confined(result))
        }
        self.init(jobIds: jobs.map(\.id).sorted(), originals: jobs.map(\.filepath).sorted())
    }
}
