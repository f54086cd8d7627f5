import APIWire
import Foundation
import JobStore
import PostgresNIO

/// Intake's and startup reconciliation's bookkeeping on the shared store. Each node settles
/// its own: its unfinished intakes carry its name in `locked_by`, and the leases of its runs
/// begin with `<node>:`. Another node's are left to that node (its intakes, whose files sit
/// in its inbox) or to the lease's expiry (its jobs, which any node then claims).
extension PostgresInvoiceStore {
    /// This node's runs' leases begin with it.
    private var runPrefix: String { "\(node):" }

    public func pendingIntakes() throws -> [Job] {
        try jobs(session.run("SELECT * FROM ocr_jobs WHERE intake_pending AND locked_by = $1 ORDER BY created_at", binds(node)))
    }

    public func pendingIntake(sourcePath: String) throws -> Job? {
        try jobs(session.run("SELECT * FROM ocr_jobs WHERE intake_pending AND locked_by = $1 AND source_path = $2 LIMIT 1",
                             binds(node, sourcePath))).first
    }

    public func abandonIntake(id: String) throws {
        try session.run("DELETE FROM ocr_jobs WHERE id = $1", binds(id))
    }

    public func failIntake(id: String, message: String, failedPath: String, now: Date) throws {
        try session.run("""
            UPDATE ocr_jobs SET status = 'failed', error_message = $1, filepath = $2, intake_pending = false, source_path = NULL,
                completed_at = $3, updated_at = $3, lease_expires_at = NULL, locked_by = NULL
            WHERE id = $4 AND \(JobTransition.failIntake.statusGuard)
            """, binds(message, failedPath, now, id))
    }

    public func interruptedJobs() throws -> [Job] {
        try jobs(session.run("SELECT * FROM ocr_jobs WHERE status = 'processing' AND starts_with(locked_by, $1) ORDER BY created_at",
                             binds(runPrefix)))
    }

    /// Guarded by the lease's node too: another node may have taken the job over since it was
    /// read (its lease ran out), and then it is that node's.
    public func requeueInterrupted(jobId: String, now: Date, refundAttempt: Bool) throws {
        try session.run("""
            UPDATE ocr_jobs SET status = 'queued', lease_expires_at = NULL, locked_by = NULL, progress = 0,
                attempts = CASE WHEN $1 THEN GREATEST(0, attempts - 1) ELSE attempts END,
                interruptions = interruptions + (CASE WHEN $1 THEN 1 ELSE 0 END), updated_at = $2
            WHERE id = $3 AND starts_with(locked_by, $4) AND \(JobTransition.requeueInterrupted.statusGuard)
            """, binds(refundAttempt, now, jobId, runPrefix))
    }

    public func failInterrupted(jobId: String, message: String, failedPath: String, now: Date) throws {
        try session.run("""
            UPDATE ocr_jobs SET status = 'failed', error_message = $1, filepath = $2, completed_at = $3, updated_at = $3,
                lease_expires_at = NULL, locked_by = NULL
            WHERE id = $4 AND starts_with(locked_by, $5) AND \(JobTransition.failInterrupted.statusGuard)
            """, binds(message, failedPath, now, jobId, runPrefix))
    }

    /// A job that failed at intake comes back with its intake pending, this node's to finish.
    public func retryFailed(id: String, layout: DataLayout, now: Date) throws -> Job {
        let (job, spoolPath) = try JobManagementError.moveBackForRetry(self.job(id: id), layout: layout)
        guard let requeued = try jobs(session.run("""
            UPDATE ocr_jobs SET status = 'queued', attempts = 0, interruptions = 0, filepath = $1, next_attempt_at = NULL,
                completed_at = NULL, started_at = NULL, progress = 0, updated_at = $2,
                intake_pending = (sha256 IS NULL), locked_by = CASE WHEN sha256 IS NULL THEN $3 END
            WHERE id = $4 AND \(JobTransition.retryFailed.statusGuard)
            RETURNING *
            """, binds(spoolPath, now, node, job.id))).first else {
            // Retried or deleted by someone else between the read and the update.
            throw JobManagementError.notFailed(try self.job(id: id)?.status ?? .queued)
        }
        return requeued
    }

    public func deleteFailed(id: String, layout: DataLayout) throws {
        let job = try JobManagementError.deletable(self.job(id: id))
        try session.run("DELETE FROM ocr_jobs WHERE id = $1 AND \(JobTransition.deleteFailed.statusGuard)", binds(job.id))
        try JobManagementError.removeFailedFile(of: job, layout: layout)
    }

    /// The invoice's search entry and edits go with it (ON DELETE CASCADE).
    public func removeInvoice(id: Int64, layout: DataLayout) throws -> RemovedInvoice? {
        let jobs: [Job]? = try session.inTransaction { connection in
            guard try session.run("SELECT 1 FROM invoices WHERE id = $1 FOR UPDATE", binds(id), on: connection).rows.first != nil else {
                return nil
            }
            let jobs = try self.jobs(session.run("SELECT * FROM ocr_jobs WHERE invoice_id = $1", binds(id), on: connection))
            try session.run("UPDATE ocr_jobs SET invoice_id = NULL WHERE invoice_id = $1", binds(id), on: connection)
            try session.run("DELETE FROM invoices WHERE id = $1", binds(id), on: connection)
            try session.run("DELETE FROM ocr_jobs WHERE id = ANY($1)", binds(jobs.map(\.id)), on: connection)
            return jobs
        }
        guard let jobs else { return nil }
        return try RemovedInvoice(removingResultsOf: jobs, layout: layout)
    }

    /// `ReviewRule` on PostgreSQL: under `threshold`, or with a failed check, or unscored.
    public func applyReviewThreshold(_ threshold: Double) throws -> Int? {
        try session.inTransaction { connection in
            // One node at a time: two nodes starting with different thresholds apply one after the other.
            try session.run("LOCK TABLE store_settings IN SHARE ROW EXCLUSIVE MODE", on: connection)
            let applied = try session.run("SELECT value FROM store_settings WHERE name = 'review_below'", on: connection)
                .rows.first?.decode(Double.self)
            guard applied != threshold else { return nil }
            let rule = "(checks_failed OR confidence_score IS NULL OR confidence_score < $1)"
            let changed = try changed(count: session.run(
                "UPDATE invoices SET needs_review = \(rule) WHERE needs_review IS DISTINCT FROM \(rule)", binds(threshold), on: connection))
            try session.run("""
                INSERT INTO store_settings (name, value) VALUES ('review_below', $1)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """, binds(threshold), on: connection)
            return changed
        }
    }

    func changed(count result: PostgresQueryResult) -> Int { result.metadata.rows ?? 0 }
}
