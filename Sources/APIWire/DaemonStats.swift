import Foundation

/// `GET /api/stats`: the jobs per status, the invoices, the queue's age, throughput and the
/// workers. OpenAPI: `#/components/schemas/Stats`.
public struct DaemonStats: Codable, Sendable, Equatable {
    public var queued: Int
    public var processing: Int
    public var done: Int
    public var failed: Int
    public var duplicate: Int
    public var invoices: Int
    /// Invoices marked `needs_review`.
    public var needsReview: Int
    @Nullable public var oldestQueuedAt: Date?
    @Nullable public var oldestQueuedAgeSeconds: Double?
    /// Jobs finished (done or failed) per minute over the last 5 minutes.
    public var jobsPerMinute5m: Double
    /// The same over the last hour.
    public var jobsPerMinute60m: Double
    public var workersBusy: Int
    public var workersIdle: Int
    public var workers: Int

    enum CodingKeys: String, CodingKey {
        case queued, processing, done, failed, duplicate, invoices, needsReview = "needs_review"
        case oldestQueuedAt = "oldest_queued_at", oldestQueuedAgeSeconds = "oldest_queued_age_seconds"
        case jobsPerMinute5m = "jobs_per_minute_5m", jobsPerMinute60m = "jobs_per_minute_60m"
        case workersBusy = "workers_busy", workersIdle = "workers_idle", workers
    }

    /// Stats with `counts` per job status (a status absent from it counts 0).
    public init(counts: [JobStatus: Int], invoices: Int, needsReview: Int, oldestQueuedAt: Date?, now: Date,
                jobsPerMinute5m: Double, jobsPerMinute60m: Double, workersBusy: Int, workers: Int) {
        queued = counts[.queued] ?? 0
        processing = counts[.processing] ?? 0
        done = counts[.done] ?? 0
        failed = counts[.failed] ?? 0
        duplicate = counts[.duplicate] ?? 0
        self.invoices = invoices
        self.needsReview = needsReview
        self.oldestQueuedAt = oldestQueuedAt
        self.oldestQueuedAgeSeconds = oldestQueuedAt.map { max(0, now.timeIntervalSince($0)) }
        self.jobsPerMinute5m = jobsPerMinute5m
        self.jobsPerMinute60m = jobsPerMinute60m
        self.workersBusy = workersBusy
        self.workersIdle = max(0, workers - workersBusy)
        self.workers = workers
    }
}

/// `GET /healthz`: `ok`, or `unhealthy` (503) with what is wrong.
/// OpenAPI: `#/components/schemas/Health`.
public struct HealthReport: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case ok, unhealthy
    }

    public var status: Status
    /// What is wrong; absent when healthy.
    public var problems: [String]?

    public init(problems: [String]) {
        status = problems.isEmpty ? .ok : .unhealthy
        self.problems = problems.isEmpty ? nil : problems
    }
}
