import Foundation
import GRDB

/// Counts of jobs per status and the age of the queue.
public struct QueueStats: Sendable, Equatable {
    /// Jobs per status; every status is present, zero when none.
    public var counts: [JobStatus: Int]
    /// Creation time of the oldest job still `queued`.
    public var oldestQueuedAt: Date?
    /// Number of invoice rows.
    public var invoices: Int
}

extension JobStore {
    /// Current counts per status.
    public func stats() async throws -> QueueStats {
        try await pool.read { db in try Self.stats(db) }
    }

    /// Current counts per status, from a thread that may block.
    public func statsBlocking() throws -> QueueStats {
        try pool.read { db in try Self.stats(db) }
    }

    private static func stats(_ db: Database) throws -> QueueStats {
        var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
        let rows = try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status")
        for row in rows {
            if let status = JobStatus(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        let oldest = try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM ocr_jobs WHERE status = 'queued'")
        let invoices = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") ?? 0
        return QueueStats(counts: counts, oldestQueuedAt: oldest, invoices: invoices)
    }
}
