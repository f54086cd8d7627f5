/// When a failed request to the chat server is tried again: a pure decision, tested without I/O.
public struct ChatRetryPolicy: Sendable, Equatable {
    /// Attempts per upstream request, the first included.
    public var maxAttempts: Int
    /// Wait before the second attempt after a 5xx, a timeout or a failed connection;
    /// doubled for each later one.
    public var backoff: Double
    /// Seconds one chat may spend waiting between attempts in all (rate limits included):
    /// past this the client gets the error (429 with `Retry-After`) instead of a long wait.
    public var maxTotalWait: Double

    /// A policy; at least one attempt.
    public init(maxAttempts: Int = 3, backoff: Double = 0.5, maxTotalWait: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.maxTotalWait = maxTotalWait
    }

    /// What happened to one attempt.
    enum Outcome: Equatable {
        /// The server answered this error status; `retryAfter` from its rate-limit headers;
        /// `detail` is its error message, scrubbed and shortened.
        case status(Int, retryAfter: Double?, detail: String)
        /// No complete answer within the timeout.
        case timeout(seconds: Double)
        /// No connection (refused, DNS, TLS).
        case unreachable(String)
    }

    /// What to do next.
    enum Decision: Equatable {
        case retry(after: Double)
        case fail(ChatError)
    }

    /// The decision after attempt number `attempt` (1-based) ended with `outcome`, when this
    /// chat has already waited `waited` seconds between attempts.
    func decide(_ outcome: Outcome, attempt: Int, waited: Double) -> Decision {
        let backoffWait = backoff * Double(1 << min(attempt - 1, 20))
        let mayRetry = attempt < maxAttempts
        switch outcome {
        case let .status(status, retryAfter, detail):
            switch status {
            case 401, 403:
                return .fail(.keyRejected(status: status))
            case 429:
                let wait = retryAfter ?? backoffWait
                if mayRetry && waited + wait <= maxTotalWait { return .retry(after: wait) }
                return .fail(.rateLimited(retryAfter: max(1, Int(RateLimitHeaders.bounded(wait).rounded(.up)))))
            case 408, 500...599:
                if mayRetry && waited + backoffWait <= maxTotalWait { return .retry(after: backoffWait) }
                return .fail(.upstreamFailed(status: status, attempts: attempt))
            default:
                return .fail(.upstreamRejected(status: status, detail: detail))
            }
        case let .timeout(seconds):
            if mayRetry && waited + backoffWait <= maxTotalWait { return .retry(after: backoffWait) }
            return .fail(.timedOut(seconds: seconds, attempts: attempt))
        case let .unreachable(detail):
            if mayRetry && waited + backoffWait <= maxTotalWait { return .retry(after: backoffWait) }
            return .fail(.unreachable(detail))
        }
    }
}
