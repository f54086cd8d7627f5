/// `POST /upload-image` (202): the file is a job now.
/// OpenAPI: `#/components/schemas/UploadAccepted`.
public struct UploadAccepted: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case queued, duplicate
    }

    public var jobId: String
    public var status: Status
    /// With `duplicate`: the job that had the same content; absent otherwise.
    public var duplicateOf: String?

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id", status, duplicateOf = "duplicate_of"
    }

    public init(jobId: String, status: Status, duplicateOf: String? = nil) {
        self.jobId = jobId
        self.status = status
        self.duplicateOf = duplicateOf
    }
}

/// `DELETE /api/invoices/{id}`: what went; the originals stay in the archive.
/// OpenAPI: `#/components/schemas/InvoiceRemoved`.
public struct InvoiceRemoved: Codable, Sendable, Equatable {
    /// The invoice's id.
    public var removed: Int64
    /// The jobs that read it.
    public var jobs: [String]
    /// The archived originals, left in place.
    public var originalsKept: [String]

    enum CodingKeys: String, CodingKey {
        case removed, jobs, originalsKept = "originals_kept"
    }

    public init(removed: Int64, jobs: [String], originalsKept: [String]) {
        self.removed = removed
        self.jobs = jobs
        self.originalsKept = originalsKept
    }
}

/// Every error answer: `{"error": "what happened and what to do"}`.
/// OpenAPI: `#/components/schemas/Error`.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var error: String

    public init(error: String) {
        self.error = error
    }
}
