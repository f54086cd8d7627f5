import APIWire
import Foundation
import GRDB
import JobStore
import Logging
import PostgresNIO

/// The job queue on a PostgreSQL database that any number of nodes share: the database is
/// the queue. A claim locks the oldest runnable row with `FOR UPDATE SKIP LOCKED`, so two
/// nodes never take the same job and never wait on each other; the lease has a holder, and
/// only the holder ends the attempt (`JobTransition`), so a node whose lease was taken
/// over cannot overwrite the new holder's result.
public final class PostgresInvoiceStore: InvoiceStore {
    public let session: PostgresSession
    /// This node's name (`node_name`): its intakes carry it in `locked_by` until they are
    /// finished, and its runs' leases begin with it, so that its reconciliation settles its
    /// own and nobody else's.
    public let node: String
    /// Each table's column types, read at open (after migrating).
    let columnTypes: [String: [String: String]]
    /// Ids of the newest invoices a search looks at first, and how many older matches it
    /// takes at a time (`search`); small in tests, so that their few invoices take every step.
    let searchWindow: Int64
    let searchBatch: Int

    /// Connects, applies the migrations this database lacks (whichever node starts first;
    /// the others wait for it on an advisory lock), reads the schema and folds the counts'
    /// rows of changes (`stats`).
    public init(session: PostgresSession, node: String = LeaseHolder.hostName, searchWindow: Int64 = 20_000,
                searchBatch: Int = 2_000) throws {
        self.session = session
        self.node = node
        self.searchWindow = searchWindow
        self.searchBatch = searchBatch
        try PostgresSchema.migrate(session)
        columnTypes = try PostgresSchema.columnTypes(session)
        try session.run(Self.foldCountsSQL)
    }

    /// How many migrations make the current schema (`schema_migrations` holds one row each).
    public static var schemaVersions: Int { PostgresSchema.migrations.count }

    public var location: String { session.location.description }
    public var callerThreadReader: StatusReader? { nil }

    public func beginIntake(_ job: Job) throws {
        var job = job
        if job.intakePending { job.lockedBy = node }
        let insert = try PostgresRecords.insert(job, into: "ocr_jobs", types: columnTypes["ocr_jobs"] ?? [:])
        try session.run(insert.sql, insert.binds)
    }

    public func finishIntake(id: String, sha256: String, sizeBytes: Int64, skipDuplicates: Bool,
                             duplicatePath: String, now: Date) throws -> IntakeOutcome {
        try session.inTransaction { connection in
            // Two nodes taking in the same content at once: the second waits for the first's
            // commit here and then sees it as the original (one lock per content hash).
            try session.run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", binds(sha256), on: connection)
            guard let job = try jobs(session.run("SELECT * FROM ocr_jobs WHERE id = $1 FOR UPDATE", binds(id), on: connection)).first,
                  JobTransition.finishIntake.allows(from: job.status) else { return .queued }
            if skipDuplicates, let original = try session.run("""
                SELECT id FROM ocr_jobs WHERE sha256 = $1 AND id <> $2 AND status IN ('queued', 'processing', 'done')
                ORDER BY created_at LIMIT 1
                """, binds(sha256, id), on: connection).rows.first.map({ try $0.decode(String.self) }) {
                try session.run("""
                    UPDATE ocr_jobs SET sha256 = $1, size_bytes = $2, intake_pending = false, source_path = NULL, locked_by = NULL,
                        updated_at = $3, status = 'duplicate', duplicate_of = $4, completed_at = $3, filepath = $5
                    WHERE id = $6
                    """, binds(sha256, sizeBytes, now, original, duplicatePath, id), on: connection)
                return .duplicate(of: original)
            }
            try session.run("""
                UPDATE ocr_jobs SET sha256 = $1, size_bytes = $2, intake_pending = false, source_path = NULL, locked_by = NULL, updated_at = $3
                WHERE id = $4
                """, binds(sha256, sizeBytes, now, id), on: connection)
            return .queued
        }
    }

    /// The two kinds of runnable job are looked up apart, each through its own partial index
    /// (`ocr_jobs_queued`, `ocr_jobs_leases`), and the older taken: one condition with OR
    /// walked the jobs by age from the oldest, 220 ms a claim behind a million finished jobs
    /// (make bench, part 8).
    public func claimNext(holder: String, now: Date, lease: TimeInterval) throws -> Job? {
        try jobs(session.run("""
            WITH queued AS (
                SELECT id, created_at FROM ocr_jobs
                WHERE status = 'queued' AND NOT intake_pending AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
            expired AS (
                SELECT id, created_at FROM ocr_jobs
                WHERE status = 'processing' AND lease_expires_at < $1
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
            chosen AS (
                SELECT id FROM (SELECT * FROM queued UNION ALL SELECT * FROM expired) AS runnable ORDER BY created_at LIMIT 1)
            UPDATE ocr_jobs SET status = 'processing', attempts = attempts + 1, started_at = $1, updated_at = $1,
                lease_expires_at = $2, next_attempt_at = NULL, progress = 0, locked_by = $3
            WHERE id = (SELECT id FROM chosen) AND \(JobTransition.claim.statusGuard)
            RETURNING *
            """, binds(now, now.addingTimeInterval(lease), holder))).first
    }

    /// Also the next lease to run out (a node that died holding a job sends no NOTIFY): an
    /// idle worker wakes then and takes the job over at once, not at its next poll. Only
    /// leases still running: one already out is claimable now.
    public func nextRetryTime() throws -> Date? {
        try session.run("""
            SELECT LEAST(
                (SELECT MIN(next_attempt_at) FROM ocr_jobs WHERE status = 'queued' AND NOT intake_pending AND next_attempt_at IS NOT NULL),
                (SELECT MIN(lease_expires_at) FROM ocr_jobs WHERE status = 'processing' AND lease_expires_at > now()))
            """).rows.first?.decode(Date?.self)
    }

    @discardableResult
    public func reportProgress(id: String, holder: String, progress: Int, leaseUntil: Date, now: Date) throws -> Bool {
        try changed(session.run("""
            UPDATE ocr_jobs SET progress = $1, lease_expires_at = $2, updated_at = $3
            WHERE id = $4 AND locked_by = $5 AND \(JobTransition.renewLease.statusGuard)
            """, binds(progress, leaseUntil, now, id, holder)))
    }

    public func complete(jobId: String, holder: String, invoice: Invoice, pages: Int, resultPath: String,
                         archivePath: String, now: Date) throws -> Int64? {
        try session.inTransaction { connection in
            // The holder's row, locked until commit: a node taking the lease over waits, and
            // then finds the job done.
            guard try session.run("""
                SELECT 1 FROM ocr_jobs WHERE id = $1 AND locked_by = $2 AND \(JobTransition.complete.statusGuard) FOR UPDATE
                """, binds(jobId, holder), on: connection).rows.first != nil else { return nil }
            let invoiceId = try storeInvoice(invoice, on: connection)
            try session.run("""
                UPDATE ocr_jobs SET status = 'done', invoice_id = $1, progress = 100, pages = $2, result_path = $3, filepath = $4,
                    completed_at = $5, updated_at = $5, lease_expires_at = NULL, locked_by = NULL, error_message = NULL
                WHERE id = $6
                """, binds(invoiceId, pages, resultPath, archivePath, now, jobId), on: connection)
            return invoiceId
        }
    }

    /// Inserts the invoice, or folds it into its twin (the same seller tax code, series and
    /// number read from another job) as the SQLite store does: the more certain reading
    /// wins unless a person corrected the stored one.
    private func storeInvoice(_ invoice: Invoice, on connection: PostgresConnection) throws -> Int64 {
        var invoice = invoice
        invoice.sellerFolded = invoice.sellerName.map(SearchText.fold)
        if let taxCode = invoice.sellerTaxCode, let number = invoice.invoiceNumber,
           let twin = try PostgresRecords.records(Invoice.self, session.run("""
               SELECT * FROM invoices WHERE seller_tax_code = $1 AND invoice_number = $2
                   AND COALESCE(invoice_series, '') = COALESCE($3, '') AND job_id <> $4 ORDER BY id LIMIT 1 FOR UPDATE
               """, binds(taxCode, number, invoice.invoiceSeries, invoice.jobId), on: connection)).first, let twinId = twin.id {
            let corrected = try session.run("SELECT 1 FROM invoice_edits WHERE invoice_id = $1 LIMIT 1", binds(twinId), on: connection).rows.first != nil
            if !corrected, (invoice.confidenceScore ?? 0) > (twin.confidenceScore ?? 0) {
                var replacement = invoice
                replacement.id = twinId
                replacement.jobId = twin.jobId
                replacement.createdAt = twin.createdAt
                try session.run("DELETE FROM invoices WHERE id = $1", binds(twinId), on: connection)
                let insert = try PostgresRecords.insert(replacement, into: "invoices", types: columnTypes["invoices"] ?? [:])
                try session.run(insert.sql, insert.binds, on: connection)
                try index(replacement, id: twinId, on: connection)
            }
            return twinId
        }
        let insert = try PostgresRecords.insert(invoice, into: "invoices", types: columnTypes["invoices"] ?? [:], returning: "id")
        guard let id = try session.run(insert.sql, insert.binds, on: connection).rows.first?.decode(Int64.self) else {
            throw DatabaseError(message: "the invoice of job \(invoice.jobId) was inserted without an id")
        }
        try index(invoice, id: id, on: connection)
        return id
    }

    /// Writes invoice `id`'s search entry (`invoice_search`): its words folded and split as
    /// the SQLite store's index splits them, and its buyer folded.
    func index(_ invoice: Invoice, id: Int64, on connection: PostgresConnection) throws {
        let (sql, parameters) = Self.indexStatement([(invoice, id)])
        try session.run(sql, parameters, on: connection)
    }

    /// The search entries of `invoices` (with their ids) in one statement.
    static func indexStatement(_ invoices: [(Invoice, Int64)]) -> (String, PostgresBindings) {
        var parameters = PostgresParameters()
        let rows = invoices.map { invoice, id in
            let words = SearchText.words(invoice.searchBody).joined(separator: " ")
            let folded = invoice.buyerName.map(SearchText.fold)
            return "(\(parameters.add(id)), strip(to_tsvector('simple', \(parameters.add(words)))), \(parameters.add(folded)))"
        }
        // Positions are stripped: search matches words, and a page of OCR text with positions
        // could pass the 1 MB a tsvector may hold.
        return ("""
            INSERT INTO invoice_search (invoice_id, body, buyer_folded) VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (invoice_id) DO UPDATE SET body = excluded.body, buyer_folded = excluded.buyer_folded
            """, parameters.binds)
    }

    @discardableResult
    public func fail(jobId: String, holder: String, message: String, failedPath: String, now: Date) throws -> Bool {
        try changed(session.run("""
            UPDATE ocr_jobs SET status = 'failed', error_message = $1, filepath = $2, completed_at = $3, updated_at = $3,
                lease_expires_at = NULL, locked_by = NULL
            WHERE id = $4 AND locked_by = $5 AND \(JobTransition.fail.statusGuard)
            """, binds(message, failedPath, now, jobId, holder)))
    }

    @discardableResult
    public func scheduleRetry(jobId: String, holder: String, message: String, at: Date, countsAttempt: Bool = true,
                              now: Date) throws -> Bool {
        try changed(session.run("""
            UPDATE ocr_jobs SET status = 'queued', error_message = $1, next_attempt_at = $2, updated_at = $3,
                lease_expires_at = NULL, locked_by = NULL, progress = 0, interruptions = 0,
                attempts = CASE WHEN $4 THEN attempts ELSE GREATEST(0, attempts - 1) END
            WHERE id = $5 AND locked_by = $6 AND \(JobTransition.scheduleRetry.statusGuard)
            """, binds(message, at, now, countsAttempt, jobId, holder)))
    }

    public func handBack(jobId: String, holder: String, now: Date) throws {
        try session.run("""
            UPDATE ocr_jobs SET status = 'queued', attempts = GREATEST(0, attempts - 1), interruptions = 0, updated_at = $1,
                lease_expires_at = NULL, locked_by = NULL, progress = 0
            WHERE id = $2 AND locked_by = $3 AND \(JobTransition.handBack.statusGuard)
            """, binds(now, jobId, holder))
    }

    public func job(id: String) throws -> Job? {
        try jobs(session.run("SELECT * FROM ocr_jobs WHERE id = $1", binds(id))).first
    }

    public func invoice(id: Int64) throws -> Invoice? {
        try PostgresRecords.records(Invoice.self, session.run("SELECT * FROM invoices WHERE id = $1", binds(id))).first
    }

    public func supplierProfile(taxCode: String) throws -> SupplierProfile? {
        try PostgresRecords.records(SupplierProfile.self, session.run("SELECT * FROM supplier_profiles WHERE seller_tax_code = $1",
                                                                      binds(taxCode))).first
    }

    /// Every job, oldest first (tests and `store copy`).
    public func allJobs() throws -> [Job] {
        try jobs(session.run("SELECT * FROM ocr_jobs ORDER BY created_at"))
    }

    /// Each job's history of statuses, oldest first.
    public func statusHistory(jobId: String) throws -> [JobStatus] {
        try session.run("SELECT status FROM job_history WHERE job_id = $1 ORDER BY id", binds(jobId)).rows.map {
            JobStatus(rawValue: try $0.decode(String.self)) ?? .failed
        }
    }

    func jobs(_ result: PostgresQueryResult) throws -> [Job] { try PostgresRecords.records(Job.self, result) }

    func invoices(_ result: PostgresQueryResult) throws -> [Invoice] { try PostgresRecords.records(Invoice.self, result) }

    func changed(_ result: PostgresQueryResult) -> Bool { (result.metadata.rows ?? 0) > 0 }
}

/// Binds in order, `$1` first.
func binds(_ values: (any PostgresDynamicTypeEncodable)?...) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: values.count)
    for value in values {
        if let value { bindings.append(value) } else { bindings.appendNull() }
    }
    return bindings
}
