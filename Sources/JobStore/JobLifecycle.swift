import Foundation

/// Whether trying again can help.
public enum FailureKind: Sendable, Equatable {
    /// The input itself is bad (not an image, too large, unreadable): retrying gives the same.
    case permanent
    /// The moment was bad (I/O error, deadline, disk full): a later attempt may succeed.
    case transient
}

/// What to do with a job after a failed attempt.
public enum FailureDecision: Sendable, Equatable {
    /// Back to `queued`, not claimed before the given time.
    case retry(at: Date)
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
        guard kind == .transient, attempts < maxAttempts else { return .fail }
        let exponent = Double(max(0, attempts - 1))
        let delay = min(maxDelay, baseDelay * pow(2, exponent))
        return .retry(at: now.addingTimeInterval(delay))
    }

    /// Whether a job found `processing` after a crash may run again. Each crash counted an
    /// attempt, so a file that kills the daemon every time ends `failed` instead of looping.
    public func mayResumeInterrupted(attempts: Int) -> Bool {
        attempts < maxAttempts
    }
}
