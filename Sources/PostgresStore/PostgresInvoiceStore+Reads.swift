import APIWire
import Foundation
import GRDB
import JobStore
import PostgresNIO

/// The API's reads on the shared store: the answers of the SQLite store's, from whichever
/// node is asked, awaited rather than blocking (they run on the API's tasks).
extension PostgresInvoiceStore {
    public func ping() async throws {
        try await session.query("SELECT 1")
    }

    /// The counts from `store_counts` (migration v3), whose rows of changes are folded once
    /// they pass a thousand; the rest from the tables' indexes.
    public func stats(now: Date) async throws -> QueueStats {
        try await session.withConnection { connection in
            var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
            var named: [String: Int] = [:]
            var changes = 0
            for row in try await session.query("SELECT name, sum(n)::bigint, count(*) FROM store_counts GROUP BY name", on: connection).rows {
                let (name, sum, rows) = try row.decode((String, Int64, Int64).self)
                named[name] = Int(sum)
                changes += Int(rows)
            }
            for status in JobStatus.allCases { counts[status] = named["jobs.\(status.rawValue)"] ?? 0 }
            if changes > Self.countRowsBeforeFolding { try await foldCounts(on: connection) }
            let oldest = try await session.query("SELECT min(created_at) FROM ocr_jobs WHERE status = 'queued'", on: connection)
                .rows.first?.decode(Date?.self) ?? nil
            let finished = try Self.twoCounts(await session.query("""
                SELECT count(*) FILTER (WHERE completed_at >= $1), count(*) FROM ocr_jobs
                WHERE completed_at >= $2 AND status IN ('done', 'failed')
                """, binds(now.addingTimeInterval(-300), now.addingTimeInterval(-3600)), on: connection))
            return QueueStats(counts: counts, oldestQueuedAt: oldest, invoices: named["invoices"] ?? 0,
                              invoicesNeedingReview: named["invoices.needs_review"] ?? 0,
                              finishedLast5Minutes: Int(finished.0), finishedLastHour: Int(finished.1))
        }
    }

    static let countRowsBeforeFolding = 1_000

    /// Replaces the rows of `store_counts` by one per name, holding their sum, in one
    /// statement: rows other nodes add meanwhile are not in its snapshot and stay; a node
    /// folding at the same moment waits for this one and then finds its rows gone. Every node
    /// folds at start too, so a store nobody asks for stats stays small.
    func foldCounts(on connection: PostgresConnection) async throws {
        try await session.query(Self.foldCountsSQL, on: connection)
    }

    static let foldCountsSQL = """
        WITH gone AS (DELETE FROM store_counts RETURNING name, n)
        INSERT INTO store_counts SELECT name, sum(n) FROM gone GROUP BY name
        """

    private static func twoCounts(_ result: PostgresQueryResult) throws -> (Int64, Int64) {
        guard let row = result.rows.first else { return (0, 0) }
        return try row.decode((Int64, Int64).self)
    }

    public func jobAsync(id: String) async throws -> Job? {
        try jobs(await session.query("SELECT * FROM ocr_jobs WHERE id = $1", binds(id))).first
    }

    public func invoiceAsync(id: Int64) async throws -> Invoice? {
        try invoices(await session.query("SELECT * FROM invoices WHERE id = $1", binds(id))).first
    }

    public func jobs(_ filter: JobFilter) async throws -> Page<Job> {
        var parameters = PostgresParameters()
        var clauses = ["true"]
        if let status = filter.status { clauses.append("status = \(parameters.add(status.rawValue))") }
        if let uploader = filter.uploader { clauses.append("uploader = \(parameters.add(uploader))") }
        if let (date, id) = try filter.cursor.map(PageCursor.decodeJob) {
            clauses.append("(created_at, id) < (\(parameters.add(date)), \(parameters.add(id)))")
        }
        let rows = try jobs(await session.query("""
            SELECT * FROM ocr_jobs WHERE \(clauses.joined(separator: " AND "))
            ORDER BY created_at DESC, id DESC LIMIT \(parameters.add(filter.limit + 1))
            """, parameters.binds))
        let items = Array(rows.prefix(filter.limit))
        return Page(items: items, nextCursor: rows.count > filter.limit ? items.last.map(PageCursor.job) : nil)
    }

    public func invoices(_ filter: InvoiceFilter) async throws -> Page<Invoice> {
        var parameters = PostgresParameters()
        var condition = PostgresInvoiceConditions.condition(PostgresInvoiceConditions.query(of: filter), &parameters)
        let order: String
        let cursor: (Invoice) -> String?
        switch filter.order {
        case .score:
            // SQLite puts a missing score first; so does this order.
            if let (score, id) = try filter.cursor.map(PageCursor.decodeScore) {
                condition += score.map { " AND (confidence_score, id) > (\(parameters.add($0)), \(parameters.add(id)))" }
                    ?? " AND (confidence_score IS NOT NULL OR id > \(parameters.add(id)))"
            }
            order = "confidence_score ASC NULLS FIRST, id ASC"
            cursor = PageCursor.score
        case .newest:
            let byDate = filter.ordersByDate
            if let (date, id) = try filter.cursor.map({ try PageCursor.decodeInvoice($0, byDate: byDate) }) {
                condition += date.map { " AND (invoice_date, id) < (\(parameters.add($0)), \(parameters.add(id)))" }
                    ?? " AND id < \(parameters.add(id))"
            }
            // A date range lists by date: invoice_date is never NULL inside one.
            order = byDate ? "invoice_date DESC, id DESC" : "id DESC"
            cursor = { PageCursor.invoice($0, byDate: byDate) }
        }
        let rows = try invoices(await session.query(
            "SELECT * FROM invoices WHERE \(condition) ORDER BY \(order) LIMIT \(parameters.add(filter.limit + 1))", parameters.binds))
        let items = Array(rows.prefix(filter.limit))
        return Page(items: items, nextCursor: rows.count > filter.limit ? items.last.flatMap(cursor) : nil)
    }

    public func jobHistory(id: String) async throws -> [JobHistoryEntry] {
        try PostgresRecords.records(JobHistoryEntry.self, await session.query(
            "SELECT status, attempts, message, at FROM job_history WHERE job_id = $1 ORDER BY id", binds(id)))
    }

    public func edits(invoiceId id: Int64) async throws -> [InvoiceEdit] {
        try PostgresRecords.records(InvoiceEdit.self, await session.query(
            "SELECT * FROM invoice_edits WHERE invoice_id = $1 ORDER BY id", binds(id)))
    }

    public func recentUploads(userId: String?, limit: Int) async throws -> [RecentUpload] {
        var parameters = PostgresParameters()
        var condition = "NOT intake_pending"
        if let userId {
            let user = parameters.add(userId)
            condition += " AND (user_id = \(user) OR uploader = \(user))"
        }
        let recent = try jobs(await session.query(
            "SELECT * FROM ocr_jobs WHERE \(condition) ORDER BY created_at DESC, id DESC LIMIT \(parameters.add(limit))", parameters.binds))
        var uploads: [RecentUpload] = []
        for job in recent {
            var invoiceId = job.invoiceId
            if invoiceId == nil, let original = job.duplicateOf { invoiceId = try await jobAsync(id: original)?.invoiceId }
            uploads.append(RecentUpload(job: job, invoice: try await invoiceId.asyncFlatMap { try await invoiceAsync(id: $0) }))
        }
        return uploads
    }
}

extension Optional {
    fileprivate func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
