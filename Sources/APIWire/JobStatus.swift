/// Where a job is in its life. The raw values are the seed system's `ocr_jobs.status` strings.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    /// Recorded and waiting for a worker (or for its retry time).
    case queued
    /// A worker holds the job's lease and is reading it.
    case processing
    /// Read; its invoice row and result JSON exist.
    case done
    /// Given up on; `error_message` says why and the file is in `failed/`.
    case failed
    /// Same content as an earlier job (`duplicate_of`); no second invoice.
    case duplicate
}
