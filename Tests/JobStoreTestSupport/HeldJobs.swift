import Foundation
import GRDB
import JobStore

/// The holder tests claim with.
public let testHolder = "test-node/worker-0"

extension JobStore {
    /// Makes `testHolder` the holder of a job, as a claim of that very job would (a claim
    /// takes the oldest runnable one): for tests that need a job done or failed without
    /// reading it. Its attempts are left as they are.
    public func holdForTest(_ jobId: String, now: Date = Date(), lease: TimeInterval = 600) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE ocr_jobs SET status = 'processing', locked_by = ?, lease_expires_at = ?,
                    started_at = COALESCE(started_at, ?), intake_pending = 0
                WHERE id = ?
                """, arguments: [testHolder, now.addingTimeInterval(lease), now, jobId])
        }
    }

    /// Completes a job as its holder would, holding it first.
    @discardableResult
    public func completeForTest(jobId: String, invoice: Invoice, pages: Int, resultPath: String,
                                archivePath: String, now: Date) throws -> Int64 {
        try holdForTest(jobId, now: now)
        guard let id = try complete(jobId: jobId, holder: testHolder, invoice: invoice, pages: pages,
                                    resultPath: resultPath, archivePath: archivePath, now: now) else {
            throw DatabaseError(message: "the test's own hold of \(jobId) did not take")
        }
        return id
    }

    /// Fails a job as its holder would, holding it first.
    @discardableResult
    public func failForTest(jobId: String, message: String, failedPath: String, now: Date) throws -> Bool {
        try holdForTest(jobId, now: now)
        return try fail(jobId: jobId, holder: testHolder, message: message, failedPath: failedPath, now: now)
    }
}
