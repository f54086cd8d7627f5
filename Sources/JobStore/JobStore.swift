import Foundation
import GRDB

/// The daemon's SQLite database: one `DatabasePool` (WAL, concurrent readers) for its life.
///
/// Writes are serialised by GRDB; every method that changes a job does it in one transaction,
/// so a crash leaves each job in a state that startup reconciliation understands.
public final class JobStore: Sendable {
    /// The underlying pool, for queries this type does not wrap.
    public let pool: DatabasePool
    /// The database file.
    public let path: String
    /// The status routes' own connection, read on the caller's thread.
    public let statusReader: StatusReader

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var config = Configuration()
        // Another process holding a write lock (a backup, sqlite3 in a shell) makes writers wait
        // this long instead of failing at once.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL makes a committed transaction durable against a process crash; NORMAL syncs
            // at checkpoints, which is enough for that and much faster than FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(function: SQLFunctions.fold)
        }
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: config)
        try StoreMigrations.migrator.migrate(pool)
        self.statusReader = try StatusReader(path: path)
    }

    /// One job by id.
    public func job(id: String) throws -> Job? {
        try pool.read { db in try Self.job(db, id: id) }
    }

    /// One job by id, without blocking the caller's thread.
    public func jobAsync(id: String) async throws -> Job? {
        try await pool.read { db in try Self.job(db, id: id) }
    }

    /// The status routes look jobs up hundreds of times a second: a cached statement skips
    /// building and authorizing the query each time (a third of a lookup's CPU otherwise).
    static func job(_ db: Database, id: String) throws -> Job? {
        try Job.fetchOne(db.cachedStatement(sql: "SELECT * FROM ocr_jobs WHERE id = ?"), arguments: [id])
    }

    /// One invoice by id.
    public func invoice(id: Int64) throws -> Invoice? {
        try pool.read { db in try Invoice.fetchOne(db, key: id) }
    }

    /// All jobs, oldest first (for tests and tools; the API pages through them).
    public func allJobs() throws -> [Job] {
        try pool.read { db in try Job.order(Job.Columns.createdAt).fetchAll(db) }
    }
}

extension JobStore {
    /// Throws when the database cannot be read.
    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
