import APIWire
import Foundation
import GRDB

/// The work queue: claims with a lease, progress, and the end of an attempt.
extension JobStore {
    /// Claims the oldest runnable job for the worker `holder`: `processing`, one more attempt,
    /// a lease until `now + lease`. A `processing` job whose lease expired counts as runnable.
    public func claimNext(holder: String, now: Date, lease: TimeInterval) throws -> Job? {
        try pool.write { db in
            let candidate = try Job
                .filter(
                    (Job.Columns.status == JobStatus.queued.rawValue && Job.Columns.intakePending == false
                        && (Job.Columns.nextAttemptAt == nil || Job.Columns.nextAttemptAt <= now))
                    || (Job.Columns.status == JobStatus.processing.rawValue && Job.Columns.leaseExpiresAt < now)
                )
                .order(Job.Columns.createdAt)
                .fetchOne(db)
            guard var job = candidate, try Self.mayStart(job, db) else { return nil }
            job.status = .processing
            job.attempts += 1
            job.startedAt = now
            job.updatedAt = now
            job.leaseExpiresAt = now.addingTimeInterval(lease)
            job.nextAttemptAt = nil
            job.progress = 0
            job.lockedBy = holder
            try job.update(db)
            return job
        }
    }

    /// A job whose earlier holders died (`interruptions`) runs alone, and nothing starts
    /// beside it: if it is what gets the daemon OOM-killed, no other job is interrupted with
    /// it and counted against. Checked on the queue's head, so the suspect is not starved:
    /// the others drain, then it runs.
    private static func mayStart(_ job: Job, _ db: Database) throws -> Bool {
        let others = Job.filter(Job.Columns.status == JobStatus.processing.rawValue && Job.Columns.id != job.id)
        if try others.filter(Job.Columns.interruptions > 0).fetchCount(db) > 0 { return false }
        if job.interruptions == 0 { return true }
        return try others.fetchCount(db) == 0
    }

    /// Earliest time a queued job becomes runnable (for a worker to sleep until), if any.
    public func nextRetryTime() throws -> Date? {
        try pool.read { db in
            try Date.fetchOne(db, sql: """
                SELECT MIN(next_attempt_at) FROM ocr_jobs
                WHERE status = 'queued' AND intake_pending = 0 AND next_attempt_at IS NOT NULL
                """)
        }
    }

    /// Stores progress (0...100) and extends the lease of `holder`. Returns false when the
    /// job is no longer its own (its lease ran out and another worker took it over).
    @discardableResult
    public func reportProgress(id: String, holder: String, progress: Int, leaseUntil: Date, now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET progress = ?, lease_expires_at = ?, updated_at = ?
                WHERE id = ? AND locked_by = ? AND \(JobTransition.renewLease.statusGuard)
                """, arguments: [progress, leaseUntil, now, id, holder])
            return db.changesCount > 0
        }
    }

    /// Whether `holder` holds the job's lease: the guard of every transition only the holder makes.
    private static func holds(_ holder: String, jobId: String, for transition: JobTransition, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM ocr_jobs WHERE id = ? AND locked_by = ? AND \(transition.statusGuard))",
                          arguments: [jobId, holder]) ?? false
    }

    /// In one transaction: inserts the invoice and marks the job `done`, pointing at its
    /// archive path and result JSON. Returns the invoice id, or nil when `holder` no longer
    /// holds the job (nothing is written: the worker that took it over records its own).
    public func complete(jobId: String, holder: String, invoice: Invoice, pages: Int, resultPath: String,
                         archivePath: String, now: Date) throws -> Int64? {
        try pool.write { db in
            guard try Self.holds(holder, jobId: jobId, for: .complete, db) else { return nil }
            var invoice = invoice
            invoice.sellerFolded = invoice.sellerName.map(SearchText.fold)
            let invoiceId: Int64
            if let twin = try Self.twin(of: invoice, in: db) {
                // The same invoice again (its XML beside its PDF, or a second scan): one
                // invoice with both jobs pointing at it; the more certain reading wins.
                invoiceId = twin.id!
                // A reading a person corrected is kept whatever the new one scores.
                let corrected = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM invoice_edits WHERE invoice_id = ?)",
                                                  arguments: [invoiceId]) ?? false
                if !corrected, (invoice.confidenceScore ?? 0) > (twin.confidenceScore ?? 0) {
                    var replacement = invoice
                    replacement.id = twin.id
                    replacement.jobId = twin.jobId
                    replacement.createdAt = twin.createdAt
                    try replacement.update(db)
                }
                let body = SearchText.fold(twin.searchBody + "\n" + invoice.searchBody)
                try db.execute(sql: "UPDATE invoices_fts SET body = ? WHERE rowid = ?", arguments: [body, invoiceId])
            } else {
                try invoice.insert(db)
                invoiceId = invoice.id!
                try db.execute(sql: "INSERT INTO invoices_fts(rowid, body) VALUES (?, ?)",
                               arguments: [invoiceId, SearchText.fold(invoice.searchBody)])
            }
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'done', invoice_id = ?, progress = 100, pages = ?,
                    result_path = ?, filepath = ?, completed_at = ?, updated_at = ?,
                    lease_expires_at = NULL, locked_by = NULL, error_message = NULL
                WHERE id = ?
                """, arguments: [invoiceId, pages, resultPath, archivePath, now, now, jobId])
            return invoiceId
        }
    }

    /// An invoice already stored with the same seller tax code, series and number: the same
    /// legal document. Both codes are needed: without a tax code two sellers' "0000123" differ.
    static func twin(of invoice: Invoice, in db: Database) throws -> Invoice? {
        guard let taxCode = invoice.sellerTaxCode, let number = invoice.invoiceNumber else { return nil }
        return try Invoice.fetchOne(db, sql: """
            SELECT * FROM invoices WHERE seller_tax_code = ? AND invoice_number = ?
                AND COALESCE(invoice_series, '') = COALESCE(?, '') AND job_id != ? ORDER BY id LIMIT 1
            """, arguments: [taxCode, number, invoice.invoiceSeries, invoice.jobId])
    }

    /// Marks a job `failed` for good; its file goes to `failedPath` (the caller moves it).
    /// Only `holder` may: returns false, changing nothing, when the job is no longer its own.
    @discardableResult
    public func fail(jobId: String, holder: String, message: String, failedPath: String, now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'failed', error_message = ?, filepath = ?,
                    completed_at = ?, updated_at = ?, lease_expires_at = NULL, locked_by = NULL
                WHERE id = ? AND locked_by = ? AND \(JobTransition.fail.statusGuard)
                """, arguments: [message, failedPath, now, now, jobId, holder])
            return db.changesCount > 0
        }
    }

    /// Fails a job the previous run of this daemon held when it died, too often (the
    /// reconciler's decision at startup).
    public func failInterrupted(jobId: String, message: String, failedPath: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'failed', error_message = ?, filepath = ?,
                    completed_at = ?, updated_at = ?, lease_expires_at = NULL, locked_by = NULL
                WHERE id = ? AND \(JobTransition.failInterrupted.statusGuard)
                """, arguments: [message, failedPath, now, now, jobId])
        }
    }

    /// Puts a job back in the queue after a failed attempt, not before `at`; with
    /// `countsAttempt` false the attempt is given back (the trouble was not the file's).
    /// Only `holder` may: returns false, changing nothing, when the job is no longer its own.
    @discardableResult
    public func scheduleRetry(jobId: String, holder: String, message: String, at: Date, countsAttempt: Bool = true,
                              now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'queued', error_message = ?, next_attempt_at = ?,
                    updated_at = ?, lease_expires_at = NULL, locked_by = NULL, progress = 0, interruptions = 0,
                    attempts = CASE WHEN ? THEN attempts ELSE MAX(0, attempts - 1) END
                WHERE id = ? AND locked_by = ? AND \(JobTransition.scheduleRetry.statusGuard)
                """, arguments: [message, at, now, countsAttempt, jobId, holder])
            return db.changesCount > 0
        }
    }

    /// Gives a job back to the queue at shutdown, without counting the interrupted attempt.
    public func handBack(jobId: String, holder: String, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'queued', attempts = MAX(0, attempts - 1), interruptions = 0,
                    updated_at = ?, lease_expires_at = NULL, locked_by = NULL, progress = 0
                WHERE id = ? AND locked_by = ? AND \(JobTransition.handBack.statusGuard)
                """, arguments: [now, jobId, holder])
        }
    }

    /// Jobs left `processing` by a previous run of the daemon (it crashed or was killed).
    public func interruptedJobs() throws -> [Job] {
        try pool.read { db in
            try Job.filter(Job.Columns.status == JobStatus.processing.rawValue).fetchAll(db)
        }
    }

    /// Requeues a job interrupted by a crash; its attempt stays counted. With `refundAttempt`, the interrupted attempt is not counted: the run that claimed the
    /// job died of something else (SIGKILL, a power cut), not provably of this file; that
    /// death is counted in `interruptions` instead.
    public func requeueInterrupted(jobId: String, now: Date, refundAttempt: Bool = false) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'queued', lease_expires_at = NULL, locked_by = NULL, progress = 0,
                    attempts = CASE WHEN ? THEN MAX(0, attempts - 1) ELSE attempts END,
                    interruptions = interruptions + (CASE WHEN ? THEN 1 ELSE 0 END), updated_at = ?
                WHERE id = ? AND \(JobTransition.requeueInterrupted.statusGuard)
                """, arguments: [refundAttempt, refundAttempt, now, jobId])
        }
    }
}
