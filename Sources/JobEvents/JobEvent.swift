import APIWire
import Foundation

/// Something that happened to a job, for live subscribers (`/api/events`, `invoicectl watch`).
public struct JobEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Equatable {
        case queued = "job.queued"
        case progress = "job.progress"
        case done = "job.done"
        case failed = "job.failed"
        case retrying = "job.retrying"
        case duplicate = "job.duplicate"
    }

    /// Increasing number, the SSE event id (for `Last-Event-ID` resume).
    public var id: UInt64
    public var kind: Kind
    public var jobId: String
    public var filename: String
    /// 0...100 for `progress`; 100 for `done`.
    public var progress: Int?
    /// The invoice a `done` job produced.
    public var invoiceId: Int64?
    /// Why a job failed or is retried.
    public var message: String?
    public var at: Date

    /// The event as clients receive it.
    public var data: JobEventData {
        JobEventData(id: id, type: kind.rawValue, jobId: jobId, filename: filename, progress: progress,
                     invoiceId: invoiceId, message: message, at: at.timeIntervalSince1970)
    }
}
