import Foundation

/// Whether trying again can help.
public enum FailureKind: Sendable, Equatable {
    /// The input itself is bad (not an image, too large, unreadable): retrying gives the same.
    case permanent
    /// The moment was bad (I/O error, deadline, disk full): a later attempt may succeed.
    case transient
    /// The daemon's surroundings are in trouble (disk full, database locked, results folder
    /// unwritable): not the file's fault, so the attempt does not count and the job waits,
    /// however long the trouble lasts, instead of failing.
    case environment
}

/// What to do with a job after a failed attempt.
public enum FailureDecision: Sendable, Equatable {
    /// Back to `queued`, not claimed before the given time; `countsAttempt` false gives the
    /// attempt back.
    case retry(at: Date, countsAttempt: Bool)
    /// Mark `failed` for good.
    case fail
}

/// The retry rules, kept free of I/O so they can be tested on their own.
public struct RetryPolicy: Sendable, Equatable {
    /// Claims allowed per job, including the first.
    public var maxAttempts: Int
    /// Delay before the second attempt; doubled for each later one.
    public var baseDelay: TimeInterval
    /// Upper bound of the delay.
    public var maxDelay: TimeInterval

    /// A policy with the given limits.
    public init(maxAttempts: Int, baseDelay: TimeInterval = 2, maxDelay: TimeInterval = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The decision after attempt number `attempts` failed with `kind` at `now`.
    public func decision(afterAttempt attempts: Int, kind: FailureKind, now: Date) -> FailureDecision {
        switch kind {
        case .permanent:
            return .fail
        case .environment:
            // Looked at again every few seconds until the trouble is over.
            return .retry(at: now.addingTimeInterval(min(maxDelay, max(baseDelay, 5))), countsAttempt: false)
        case .transient:
            guard attempts < maxAttempts else { return .fail }
            return .retry(at: now.addingTimeInterval(delay(forRetry: attempts)), countsAttempt: true)
        }
    }

    /// Exponential backoff: `baseDelay` before the first retry, doubling, at most `maxDelay`.
    func delay(forRetry retry: Int) -> TimeInterval {
        min(maxDelay, baseDelay * pow(2, Double(max(0, min(retry - 1, 30)))))
    }

    /// Whether a job the daemon crashed while reading may run again. Each crash counted an
    /// attempt, so a file that kills the daemon every time ends `failed` instead of looping.
    public func mayResumeInterrupted(attempts: Int) -> Bool {
        attempts < maxAttempts
    }
}
