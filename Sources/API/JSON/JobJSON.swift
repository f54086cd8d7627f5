import Foundation
import JobStore

/// A job as the API shows it: the `ocr_jobs` column names, `null` for empty columns.
enum JobJSON {
    static func object(_ job: Job) -> [String: Any] {
        [
            "id": job.id,
            "filepath": job.filepath,
            "filename": job.filename,
            "status": job.status.rawValue,
            "attempts": job.attempts,
            "invoice_id": orNull(job.invoiceId),
            "error_message": orNull(job.errorMessage),
            "uploader": orNull(job.uploader),
            "user_id": orNull(job.userId),
            "created_at": isoString(job.createdAt),
            "updated_at": isoString(job.updatedAt),
            "started_at": isoString(job.startedAt),
            "completed_at": isoString(job.completedAt),
            "sha256": orNull(job.sha256),
            "size_bytes": orNull(job.sizeBytes),
            "progress": job.progress,
            "pages": orNull(job.pages),
            "lease_expires_at": isoString(job.leaseExpiresAt),
            "next_attempt_at": isoString(job.nextAttemptAt),
            "duplicate_of": orNull(job.duplicateOf),
            "result_path": orNull(job.resultPath),
        ]
    }
}
