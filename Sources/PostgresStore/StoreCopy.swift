import Foundation
import GRDB
import JobStore
import NIOCore
import PostgresNIO

/// `invoiced store copy`: moves a single host's SQLite store into an empty PostgreSQL store
/// (jobs and their histories, invoices, corrections, supplier profiles, chat history) in
/// one transaction, then checks that every table holds as many rows on both sides and that the sums per currency
/// agree. Nothing is written unless all of it is; the SQLite store is only read.
public enum StoreCopy {
    /// What was copied and checked.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        /// Rows per table, the same on both sides.
        public var rows: [String: Int]
        /// Per currency, the sum of totals on both sides (as text, to the cent).
        public var totals: [String: String]

        public var description: String {
            let counts = rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let sums = totals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "copied \(counts); totals per currency agree: \(sums.isEmpty ? "no invoices" : sums)"
        }
    }

    /// Why the copy stopped; nothing was written to the PostgreSQL store.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The tables in the order their foreign keys need.
    static let tables = ["ocr_jobs", "job_history", "invoices", "invoice_edits", "supplier_profiles", "chat_messages"]

    /// A row of a job's status history as it is stored (the API's `JobHistoryEntry` leaves
    /// out the keys), for copying it whole.
    struct HistoryRow: Codable, FetchableRecord, EncodableRecord, TableRecord {
        static let databaseTableName = "job_history"
        var id: Int64
        var jobId: String
        var status: String
        var attempts: Int
        var message: String?
        var at: Date

        enum CodingKeys: String, CodingKey {
            case id, jobId = "job_id", status, attempts, message, at
        }
    }

    /// Copies everything or nothing; the report says what was copied and checked.
    public static func copy(from source: JobStore, to target: PostgresInvoiceStore) throws -> Report {
        let session = target.session
        let existing = try session.run("SELECT count(*) FROM ocr_jobs").rows.first?.decode(Int64.self) ?? 0
        guard existing == 0 else {
            throw Problem(description: "the PostgreSQL store already holds \(existing) jobs; copy only into an empty store "
                          + "(a new database), so that no job or invoice is there twice")
        }
        var rows: [String: Int] = [:]
        let totals = try sourceTotals(source)
        try session.inTransaction { connection in
            rows["ocr_jobs"] = try insertAll(Job.order(Job.Columns.createdAt), from: source, into: "ocr_jobs", target, connection)
            rows["job_history"] = try insertAll(HistoryRow.order(Column("id")), from: source, into: "job_history", target, connection)
            rows["invoices"] = try insertAll(Invoice.order(Invoice.Columns.id), from: source, into: "invoices", target, connection) { batch in
                // Searchable on PostgreSQL as they were on SQLite (the SQLite index is its own).
                PostgresInvoiceStore.indexStatement(batch.compactMap { invoice in invoice.id.map { (invoice, $0) } })
            }
            rows["invoice_edits"] = try insertAll(InvoiceEdit.all(), from: source, into: "invoice_edits", target, connection)
            rows["supplier_profiles"] = try insertAll(SupplierProfile.all(), from: source, into: "supplier_profiles", target, connection)
            rows["chat_messages"] = try insertAll(ChatMessage.all(), from: source, into: "chat_messages", target, connection)
            // Rows kept their ids: the sequences go on after the highest.
            for table in ["job_history", "invoices", "invoice_edits", "chat_messages"] {
                try session.run("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(table)",
                                on: connection)
            }
            try check(rows, in: session, on: connection)
            let copiedTotals = try targetTotals(session, on: connection)
            guard copiedTotals == totals else {
                throw Problem(description: "the totals per currency differ: SQLite \(totals), PostgreSQL \(copiedTotals); nothing was copied")
            }
        }
        return Report(rows: rows, totals: totals)
    }

    /// Inserts every record `request` fetches, read through one cursor (a page by OFFSET
    /// would read the table again from its start for every page) and written as many rows
    /// per statement as PostgreSQL takes binds for (a round trip per row made a million
    /// jobs a matter of many minutes). `afterEach` gives a statement to run after each batch.
    private static func insertAll<R: FetchableRecord & EncodableRecord & TableRecord>(
        _ request: QueryInterfaceRequest<R>, from source: JobStore, into table: String,
        _ target: PostgresInvoiceStore, _ connection: PostgresConnection,
        afterEach: ([R]) throws -> (sql: String, binds: PostgresBindings)? = { _ in nil }
    ) throws -> Int {
        let types = target.columnTypes[table] ?? [:]
        let batchSize = max(1, min(1_000, 60_000 / max(1, types.count)))
        return try source.pool.read { db in
            var copied = 0
            var batch: [R] = []
            // The server inserts one batch while the next is read and encoded here: the
            // statement is sent, and only waited for before the one after it goes.
            var sent: EventLoopFuture<Void>?
            func write() throws {
                guard !batch.isEmpty else { return }
                let insert = try PostgresRecords.insert(batch, into: table, types: types)
                let extra = try afterEach(batch)
                try sent?.wait()
                let inserted = target.session.send(insert.sql, insert.binds, on: connection)
                sent = extra.map { extra in inserted.flatMap { _ in target.session.send(extra.sql, extra.binds, on: connection) } } ?? inserted
                copied += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            let records = try request.fetchCursor(db)
            while let record = try records.next() {
                batch.append(record)
                if batch.count == batchSize { try write() }
            }
            try write()
            try sent?.wait()
            return copied
        }
    }

    /// The target's rows, counted inside the transaction, against what was read.
    private static func check(_ rows: [String: Int], in session: PostgresSession, on connection: PostgresConnection) throws {
        for table in tables {
            let count = try session.run("SELECT count(*) FROM \(table)", on: connection).rows.first?.decode(Int64.self) ?? -1
            guard count == rows[table] ?? 0 else {
                throw Problem(description: "\(table): \(rows[table] ?? 0) rows read but \(count) in the PostgreSQL store; nothing was copied")
            }
        }
    }

    /// The sums per currency of the source, to the cent, as both stores must give them.
    static func sourceTotals(_ source: JobStore) throws -> [String: String] {
        try source.pool.read { db in
            var totals: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT COALESCE(currency, '?') AS currency, SUM(total_amount) AS total FROM invoices GROUP BY 1") {
                let total: Double? = row["total"]
                totals[row["currency"]] = String(format: "%.2f", total ?? 0)
            }
            return totals
        }
    }

    /// The sums per currency of the target, to the cent (exact numeric sums, rounded once).
    static func targetTotals(_ session: PostgresSession, on connection: PostgresConnection) throws -> [String: String] {
        var totals: [String: String] = [:]
        for row in try session.run("""
            SELECT COALESCE(currency, '?'), to_char(COALESCE(SUM(total_amount), 0), 'FM999999999999999990.00') FROM invoices GROUP BY 1
            """, on: connection).rows {
            let (currency, total) = try row.decode((String, String).self)
            totals[currency] = total
        }
        return totals
    }
}
