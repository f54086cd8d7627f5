import Foundation

/// A job as the API shows it (`GET /api/ocr/job/{id}`, the items of `/api/ocr/jobs`): the
/// seed's `ocr_jobs` columns and this daemon's own, every key present, null when empty.
/// OpenAPI: `#/components/schemas/Job`.
public struct JobResource: Codable, Sendable, Equatable {
    /// UUID text.
    public var id: String
    /// Where the file is now: `spool/` while in flight, then `archive/` or `failed/`.
    public var filepath: String
    /// The name the file had when it arrived.
    public var filename: String
    public var status: JobStatus
    /// How many times a worker has claimed the job.
    public var attempts: Int
    @Nullable public var invoiceId: Int64?
    @Nullable public var errorMessage: String?
    /// The inbox subfolder the file came from, or the uploading client.
    @Nullable public var uploader: String?
    @Nullable public var userId: String?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var startedAt: Date?
    @Nullable public var completedAt: Date?
    /// SHA-256 of the content, hex.
    @Nullable public var sha256: String?
    @Nullable public var sizeBytes: Int64?
    /// 0...100.
    public var progress: Int
    @Nullable public var pages: Int?
    @Nullable public var leaseExpiresAt: Date?
    @Nullable public var nextAttemptAt: Date?
    /// For a `duplicate`, the job whose content it repeats.
    @Nullable public var duplicateOf: String?
    /// `results/<id>.json` once written.
    @Nullable public var resultPath: String?

    enum CodingKeys: String, CodingKey {
        case id, filepath, filename, status, attempts
        case invoiceId = "invoice_id", errorMessage = "error_message", uploader, userId = "user_id"
        case createdAt = "created_at", updatedAt = "updated_at", startedAt = "started_at", completedAt = "completed_at"
        case sha256, sizeBytes = "size_bytes", progress, pages
        case leaseExpiresAt = "lease_expires_at", nextAttemptAt = "next_attempt_at"
        case duplicateOf = "duplicate_of", resultPath = "result_path"
    }

    /// Every field; none has a default, so a field added here is one the compiler asks
    /// every maker of a job resource for.
    public init(id: String, filepath: String, filename: String, status: JobStatus, attempts: Int, invoiceId: Int64?,
                errorMessage: String?, uploader: String?, userId: String?, createdAt: Date, updatedAt: Date,
                startedAt: Date?, completedAt: Date?, sha256: String?, sizeBytes: Int64?, progress: Int, pages: Int?,
                leaseExpiresAt: Date?, nextAttemptAt: Date?, duplicateOf: String?, resultPath: String?) {
        self.id = id
        self.filepath = filepath
        self.filename = filename
        self.status = status
        self.attempts = attempts
        self.invoiceId = invoiceId
        self.errorMessage = errorMessage
        self.uploader = uploader
        self.userId = userId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.progress = progress
        self.pages = pages
        self.leaseExpiresAt = leaseExpiresAt
        self.nextAttemptAt = nextAttemptAt
        self.duplicateOf = duplicateOf
        self.resultPath = resultPath
    }
}

/// `GET /api/ocr/job/{id}/history`: how the job went, from its arrival.
/// OpenAPI: `#/components/schemas/JobHistory`.
public struct JobHistory: Codable, Sendable, Equatable {
    /// One change of the job's status.
    public struct Entry: Codable, Sendable, Equatable {
        public var status: JobStatus
        /// Attempts after the change (a worker's claim counts one).
        public var attempts: Int
        /// Why, for a retry or a failure.
        @Nullable public var message: String?
        public var at: Date

        public init(status: JobStatus, attempts: Int, message: String?, at: Date) {
            self.status = status
            self.attempts = attempts
            self.message = message
            self.at = at
        }
    }

    public var jobId: String
    /// When the file arrived (the job was recorded).
    public var receivedAt: Date
    /// Oldest first.
    public var entries: [Entry]

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id", receivedAt = "received_at", entries
    }

    public init(jobId: String, receivedAt: Date, entries: [Entry]) {
        self.jobId = jobId
        self.receivedAt = receivedAt
        self.entries = entries
    }
}
