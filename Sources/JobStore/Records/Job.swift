import Foundation
import GRDB

/// One row of `ocr_jobs`: a file on its way through the daemon.
///
/// The seed system's columns keep their names (`id`, `filepath`, `filename`, `status`,
/// `attempts`, `invoice_id`, `error_message`, `uploader`, `user_id`, `created_at`,
/// `updated_at`, `started_at`, `completed_at`); the rest are this daemon's own.
public struct Job: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ocr_jobs"

    /// UUID text, also the name of the file in `spool/` and of the result JSON.
    public var id: String
    /// Where the file is now: in `spool/` while in flight, then `archive/` or `failed/`.
    public var filepath: String
    /// The name the file had when it arrived (data only, never used as a path).
    public var filename: String
    public var status: JobStatus
    /// How many times a worker has claimed the job.
    public var attempts: Int
    public var invoiceId: Int64?
    public var errorMessage: String?
    /// The inbox subfolder the file came from, or the uploading client.
    public var uploader: String?
    public var userId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var completedAt: Date?
    /// SHA-256 of the content, hex; nil until intake has hashed the file.
    public var sha256: String?
    public var sizeBytes: Int64?
    /// 0...100, from Tesseract's progress monitor.
    public var progress: Int
    public var pages: Int?
    /// A `processing` job whose lease has expired is claimed again.
    public var leaseExpiresAt: Date?
    /// A queued retry is not claimed before this time.
    public var nextAttemptAt: Date?
    /// Where the file was found, kept until intake has moved it (crash recovery).
    public var sourcePath: String?
    /// True between the row's insert and the end of the move into `spool/`.
    public var intakePending: Bool
    /// For a `duplicate`, the job whose content it repeats.
    public var duplicateOf: String?
    /// `results/<id>.json` once written.
    public var resultPath: String?
    /// How many runs of the daemon in a row died (SIGKILL: the OOM killer, a power cut) while
    /// holding this job. A job with any is run alone, and one at `max_attempts` fails.
    public var interruptions: Int

    /// Column names for queries.
    public enum Columns {
        public static let id = Column("id")
        public static let status = Column("status")
        public static let sha256 = Column("sha256")
        public static let createdAt = Column("created_at")
        public static let intakePending = Column("intake_pending")
        public static let nextAttemptAt = Column("next_attempt_at")
        public static let leaseExpiresAt = Column("lease_expires_at")
        public static let sourcePath = Column("source_path")
        public static let uploader = Column("uploader")
        public static let interruptions = Column("interruptions")
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// A new job row for a file about to be moved into the spool.
    public init(id: String, filepath: String, filename: String, uploader: String?, userId: String?,
                sourcePath: String?, now: Date) {
        self.id = id
        self.filepath = filepath
        self.filename = filename
        self.status = .queued
        self.attempts = 0
        self.uploader = uploader
        self.userId = userId
        self.createdAt = now
        self.updatedAt = now
        self.progress = 0
        self.sourcePath = sourcePath
        self.intakePending = true
        self.interruptions = 0
    }
}

extension Job {
    /// Reads a row by column name. GRDB's Codable decoding converted every column name from
    /// snake case for every row (see `Invoice.init(row:)`).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        filepath = try row.decode(forColumn: "filepath")
        filename = try row.decode(forColumn: "filename")
        status = try row.decode(forColumn: "status")
        attempts = try row.decode(forColumn: "attempts")
        invoiceId = try row.decode(forColumn: "invoice_id")
        errorMessage = try row.decode(forColumn: "error_message")
        uploader = try row.decode(forColumn: "uploader")
        userId = try row.decode(forColumn: "user_id")
        createdAt = try row.decode(forColumn: "created_at")
        updatedAt = try row.decode(forColumn: "updated_at")
        startedAt = try row.decode(forColumn: "started_at")
        completedAt = try row.decode(forColumn: "completed_at")
        sha256 = try row.decode(forColumn: "sha256")
        sizeBytes = try row.decode(forColumn: "size_bytes")
        progress = try row.decode(forColumn: "progress")
        pages = try row.decode(forColumn: "pages")
        leaseExpiresAt = try row.decode(forColumn: "lease_expires_at")
        nextAttemptAt = try row.decode(forColumn: "next_attempt_at")
        sourcePath = try row.decode(forColumn: "source_path")
        intakePending = try row.decode(forColumn: "intake_pending")
        duplicateOf = try row.decode(forColumn: "duplicate_of")
        resultPath = try row.decode(forColumn: "result_path")
        interruptions = try row.decode(forColumn: "interruptions")
    }
}
