/// The `data` of one `/api/events` Server-Sent Event: something that happened to a job.
/// The event's name is `type`; its `id` is the SSE id to resume after.
public struct JobEventData: Codable, Sendable, Equatable {
    public var id: UInt64
    /// `job.queued`, `job.progress`, `job.done`, `job.failed`, `job.retrying`, `job.duplicate`;
    /// a client meets kinds it does not know as text (a newer daemon may add some).
    public var type: String
    public var jobId: String
    public var filename: String
    /// 0...100, with `job.progress` and `job.done`.
    public var progress: Int?
    /// With `job.done`: the invoice the job produced.
    public var invoiceId: Int64?
    /// With `job.failed` and `job.retrying`: why.
    public var message: String?
    /// When, in seconds since 1970.
    public var at: Double

    enum CodingKeys: String, CodingKey {
        case id, type, jobId = "job_id", filename, progress, invoiceId = "invoice_id", message, at
    }

    public init(id: UInt64, type: String, jobId: String, filename: String, progress: Int?, invoiceId: Int64?,
                message: String?, at: Double) {
        self.id = id
        self.type = type
        self.jobId = jobId
        self.filename = filename
        self.progress = progress
        self.invoiceId = invoiceId
        self.message = message
        self.at = at
    }
}
