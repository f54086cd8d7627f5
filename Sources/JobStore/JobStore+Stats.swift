import APIWire
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
    /// Invoice rows that need review (`ReviewRule`).
    public var invoicesNeedingReview: Int
    /// Jobs finished (done or failed) in the 5 and the 60 minutes before the reading.
    public var finishedLast5Minutes: Int
    public var finishedLastHour: Int

    public init(counts: [JobStatus: Int], oldestQueuedAt: Date?, invoices: Int, invoicesNeedingReview: Int, finishedLast5Minutes: Int, finishedLastHour: Int) {
        self.counts = counts
        self.oldestQueuedAt = oldestQueuedAt
        self.invoices = invoices
        self.invoicesNeedingReview = invoicesNeedingReview
        self.finishedLast5Minutes = finishedLast5Minutes
        self.finishedLastHour = finishedLastHour
    }
}

extension JobStore {
    /// Current counts per status, in one read transaction of the pool (the status route reads
    /// them through `statusReader`, without leaving its thread).
    public func stats(now: Date = Date()) async throws -> QueueStats {
        try await pool.read { db in try Self.stats(db, now: now) }
    }

    static func stats(_ db: Database, now: Date) throws -> QueueStats {
        var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
        var invoices = 0, needingReview = 0
        // Kept by triggers (migration v4): reading them costs the same at any size of store.
        // Cached statements: preparing one anew costs more than running it (GRDB's authorizer
        // works out what each new statement reads), and these run for every status request.
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, n FROM store_counts")) {
            let name: String = row["name"]
            if name == "invoices" {
                invoices = row["n"]
            } else if name == "invoices.needs_review" {
                needingReview = row["n"]
            } else if name.hasPrefix("jobs."), let status = JobStatus(rawValue: String(name.dropFirst(5))) {
                counts[status] = row["n"]
            }
        }
        let oldest = try Date.fetchOne(db.cachedStatement(sql: "SELECT MIN(created_at) FROM ocr_jobs WHERE status = 'queued'"))
        return QueueStats(counts: counts, oldestQueuedAt: oldest, invoices: invoices, invoicesNeedingReview: needingReview,
                          finishedLast5Minutes: try finishedCount(db, since: now.addingTimeInterval(-300)),
                          finishedLastHour: try finishedCount(db, since: now.addingTimeInterval(-3600)))
    }

    private static func finishedCount(_ db: Database, since date: Date) throws -> Int {
        // `+status` keeps SQLite off the status index, which it otherwise picks and then
        // walks every done job (432 ms at 1,000,000): the recent ones are few on `completed_at`.
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM ocr_jobs WHERE completed_at >= ? AND +status IN ('done','failed')"),
                         arguments: [date]) ?? 0
    }
}
