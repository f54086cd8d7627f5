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
        var invoices = 0
        // Kept by triggers (migration v4): reading them costs the same at any size of store.
        for row in try Row.fetchAll(db, sql: "SELECT name, n FROM store_counts") {
            let name: String = row["name"]
            if name == "invoices" {
                invoices = row["n"]
            } else if name.hasPrefix("jobs."), let status = JobStatus(rawValue: String(name.dropFirst(5))) {
                counts[status] = row["n"]
            }
        }
        let oldest = try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM ocr_jobs WHERE status = 'queued'")
        return QueueStats(counts: counts, oldestQueuedAt: oldest, invoices: invoices)
    }
}
