import Foundation

/// Everything the daemon keeps, as its parts use it: the job queue (`JobQueue`), intake's and
/// startup reconciliation's bookkeeping, the people's changes, and the API's and chat's reads.
/// The SQLite `JobStore` (one host) and the PostgreSQL store (any number of nodes) implement
/// it; the daemon is built on `any InvoiceStore` and cannot tell them apart.
///
/// Blocking methods run on the intake and worker threads; the async ones serve the API.
public protocol InvoiceStore: JobQueue {
    /// Where the store is, for logs and health reports (never a password).
    var location: String { get }
    /// A reader the status routes may call on their own thread without waiting long (SQLite's
    /// own read-only connection); nil when the store has none, and `stats()`/`jobAsync(id:)`
    /// answer them.
    var callerThreadReader: StatusReader? { get }

    // Intake and startup reconciliation (blocking). On a shared store each concerns this
    // node's own intakes and leases only: another node's are its own business.

    /// Intakes a crash interrupted.
    func pendingIntakes() throws -> [Job]
    /// The intake under way of the file at `sourcePath`, if any.
    func pendingIntake(sourcePath: String) throws -> Job?
    /// Removes a job whose file never reached the spool.
    func abandonIntake(id: String) throws
    /// Ends an intake as `failed`: the file could not be taken or read.
    func failIntake(id: String, message: String, failedPath: String, now: Date) throws
    /// Jobs the previous run of this node held when it died.
    func interruptedJobs() throws -> [Job]
    /// Requeues an interrupted job; with `refundAttempt` its attempt is given back.
    func requeueInterrupted(jobId: String, now: Date, refundAttempt: Bool) throws
    /// Fails an interrupted job for good (it killed the daemon too often).
    func failInterrupted(jobId: String, message: String, failedPath: String, now: Date) throws

    // People's changes (blocking).

    /// Puts a failed job back in the queue, its file moved back into the spool.
    func retryFailed(id: String, layout: DataLayout, now: Date) throws -> Job
    /// Deletes a failed job and its file in `failed/`.
    func deleteFailed(id: String, layout: DataLayout) throws
    /// Removes an invoice, the jobs that read it and their results; the originals stay.
    func removeInvoice(id: Int64, layout: DataLayout) throws -> RemovedInvoice?
    /// Corrects invoice `id`, records the edits and teaches the seller's profile.
    func correctInvoice(id: Int64, changes: [Invoice.CodingKeys: CorrectedValue], confirm: Bool,
                        editor: String, now: Date) throws -> CorrectionOutcome?
    /// Marks the stored invoices under a new review threshold; how many changed, nil when
    /// the threshold is the one already applied.
    func applyReviewThreshold(_ threshold: Double) throws -> Int?

    // The API's and chat's reads.

    /// Throws when the store cannot be read.
    func ping() async throws
    /// Counts per status and the queue's age.
    func stats(now: Date) async throws -> QueueStats
    func jobAsync(id: String) async throws -> Job?
    func invoiceAsync(id: Int64) async throws -> Invoice?
    /// Jobs, newest first.
    func jobs(_ filter: JobFilter) async throws -> Page<Job>
    /// Invoices by `filter`.
    func invoices(_ filter: InvoiceFilter) async throws -> Page<Invoice>
    /// The changes of job `id`'s status, oldest first.
    func jobHistory(id: String) async throws -> [JobHistoryEntry]
    /// Full-text search among the invoices `filters` select, newest first, after `before`.
    func search(_ query: String, filters: InvoiceQuery, limit: Int, before: Int64?) async throws -> Page<SearchHit>
    /// Every change people made to invoice `id`, oldest first.
    func edits(invoiceId id: Int64) async throws -> [InvoiceEdit]
    /// Invoices matching `query`: the total count and the first `limit`.
    func findInvoices(_ query: InvoiceQuery, limit: Int) async throws -> InvoiceMatches
    /// Counts and exact sums per currency.
    func sumsByCurrency(_ query: InvoiceQuery) async throws -> [InvoiceAggregate]
    /// Counts and exact sums grouped by `grouping` and currency.
    func aggregateInvoices(_ query: InvoiceQuery, by grouping: InvoiceGrouping) async throws -> [InvoiceAggregate]
    /// The latest jobs of `userId` (every user's when nil), with their invoices.
    func recentUploads(userId: String?, limit: Int) async throws -> [RecentUpload]
    /// The last `turns` question-and-answer pairs of `userId`, oldest first.
    func chatHistory(userId: String, turns: Int) async throws -> [ChatMessage]
    /// Records a question and its answer; keeps the last `keep` turns.
    func appendChatTurn(userId: String, question: String, answer: String, invoiceIds: [Int64], keep: Int, now: Date) async throws
    /// Forgets `userId`'s conversation; how many messages went.
    @discardableResult
    func clearChatHistory(userId: String) async throws -> Int
}

extension InvoiceStore {
    /// Current counts, read now.
    public func stats() async throws -> QueueStats { try await stats(now: Date()) }

    /// Full-text search over every invoice, newest first.
    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        try await search(query, filters: InvoiceQuery(), limit: limit, before: nil).items
    }
}

extension JobStore: InvoiceStore {
    public var location: String { path }
    public var callerThreadReader: StatusReader? { statusReader }
}
