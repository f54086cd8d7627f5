import APIWire
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
    /// The worker holding the lease while `processing` (`node/worker`): only it may end the
    /// attempt (`JobTransition.actor`), so a node whose lease was taken over cannot
    /// overwrite the new holder's result.
    public var lockedBy: String?

    /// The `ocr_jobs` columns: GRDB reads and writes the row through these, and queries name
    /// columns by them (`Columns`), so each column's name is written here once.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, filepath, filename, status, attempts
        case invoiceId = "invoice_id", errorMessage = "error_message", uploader, userId = "user_id"
        case createdAt = "created_at", updatedAt = "updated_at", startedAt = "started_at", completedAt = "completed_at"
        case sha256, sizeBytes = "size_bytes", progress, pages
        case leaseExpiresAt = "lease_expires_at", nextAttemptAt = "next_attempt_at"
        case sourcePath = "source_path", intakePending = "intake_pending", duplicateOf = "duplicate_of"
        case resultPath = "result_path", interruptions, lockedBy = "locked_by"
    }

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let status = Column(CodingKeys.status)
        public static let sha256 = Column(CodingKeys.sha256)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let intakePending = Column(CodingKeys.intakePending)
        public static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        public static let leaseExpiresAt = Column(CodingKeys.leaseExpiresAt)
        public static let sourcePath = Column(CodingKeys.sourcePath)
        public static let uploader = Column(CodingKeys.uploader)
        public static let interruptions = Column(CodingKeys.interruptions)
    }

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
    /// The job as the API shows it.
    public var resource: JobResource {
        JobResource(id: id, filepath: filepath, filename: filename, status: status, attempts: attempts, invoiceId: invoiceId,
                    errorMessage: errorMessage, uploader: uploader, userId: userId, createdAt: createdAt, updatedAt: updatedAt,
                    startedAt: startedAt, completedAt: completedAt, sha256: sha256, sizeBytes: sizeBytes, progress: progress,
                    pages: pages, leaseExpiresAt: leaseExpiresAt, nextAttemptAt: nextAttemptAt, duplicateOf: duplicateOf,
                    resultPath: resultPath)
    }
}
