import Foundation

/// The job queue as the pipeline and intake use it: what both stores (SQLite for one host,
/// PostgreSQL shared by many nodes) implement, and what one shared test suite holds both to.
/// Every method blocks its caller's thread: workers and intake run on dedicated threads.
public protocol JobQueue: Sendable {
    /// Inserts a job whose file is about to be moved to `job.filepath` (`intake_pending`).
    func beginIntake(_ job: Job) throws
    /// Records the content of a job now in the spool and makes it runnable, or marks it a
    /// duplicate of an earlier job with the same content when `skipDuplicates` is set.
    func finishIntake(id: String, sha256: String, sizeBytes: Int64, skipDuplicates: Bool,
                      duplicatePath: String, now: Date) throws -> IntakeOutcome
    /// Claims the oldest runnable job (or one whose lease ran out) for `holder`.
    func claimNext(holder: String, now: Date, lease: TimeInterval) throws -> Job?
    /// Earliest time a job becomes runnable without a word to the workers, if any: a retry
    /// falls due, or (on the shared store) another node's lease runs out.
    func nextRetryTime() throws -> Date?
    /// Stores progress and renews `holder`'s lease; false when the job is no longer its own.
    @discardableResult
    func reportProgress(id: String, holder: String, progress: Int, leaseUntil: Date, now: Date) throws -> Bool
    /// Stores the invoice and marks the job done; nil, writing nothing, when `holder` no
    /// longer holds it.
    func complete(jobId: String, holder: String, invoice: Invoice, pages: Int, resultPath: String,
                  archivePath: String, now: Date) throws -> Int64?
    /// Fails the job for good; false, changing nothing, when `holder` no longer holds it.
    @discardableResult
    func fail(jobId: String, holder: String, message: String, failedPath: String, now: Date) throws -> Bool
    /// Queues the job again, not before `at`; false when `holder` no longer holds it.
    @discardableResult
    func scheduleRetry(jobId: String, holder: String, message: String, at: Date, countsAttempt: Bool,
                       now: Date) throws -> Bool
    /// Gives the job back at shutdown without counting the attempt.
    func handBack(jobId: String, holder: String, now: Date) throws
    /// One job by id.
    func job(id: String) throws -> Job?
    /// One invoice by id.
    func invoice(id: Int64) throws -> Invoice?
    /// What people wrote for the seller with this tax code, which the pipeline applies to the
    /// seller's next invoices.
    func supplierProfile(taxCode: String) throws -> SupplierProfile?
}

extension JobStore: JobQueue {}
