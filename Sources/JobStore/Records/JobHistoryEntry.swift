import APIWire
import Foundation
import GRDB

/// One row of `job_history`: a change of a job's status, written by a trigger (migration v13).
public struct JobHistoryEntry: Codable, Sendable, Equatable, FetchableRecord {
    public var status: JobStatus
    /// The job's attempts after the change (a claim counts one).
    public var attempts: Int
    /// Why, for a retry or a failure.
    public var message: String?
    public var at: Date

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case status, attempts, message, at
    }
}
