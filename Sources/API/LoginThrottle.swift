import Synchronization

/// Wrong tokens sent to `POST /login`, per client. The token has 16 characters or more, so
/// guessing it is hopeless anyway; this keeps a script from trying at network speed and
/// filling the log: each wrong answer waits `failureDelay`, and a client with `limit` wrong
/// tries in `window` is refused (429) until the oldest of them is `window` old. Counted per
/// client so that one machine guessing does not lock the office out of the login page
/// (bearer clients and open sessions are never affected).
public final class LoginThrottle: Sendable {
    /// Wrong tries a client may make within `window`.
    public let limit: Int
    /// How far back wrong tries count.
    public let window: Duration
    /// How long a wrong try waits before its 401.
    public let failureDelay: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])
    /// Clients remembered at most: past it, those whose tries are all old are forgotten first,
    /// then the map starts over (a flood of addresses must not grow memory without end).
    private static let maxClients = 10_000

    /// Five wrong tries a minute, each answered after a second, unless told otherwise.
    public init(limit: Int = 5, window: Duration = .seconds(60), failureDelay: Duration = .seconds(1),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.limit = limit
        self.window = window
        self.failureDelay = failureDelay
        self.now = now
    }

    /// How long `client` must wait before trying again; nil when it may try now.
    public func retryAfter(client: String) -> Duration? {
        let instant = now()
        return failures.withLock { failures in
            let recent = (failures[client] ?? []).filter { instant - $0 < window }
            failures[client] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - (instant - oldest)
        }
    }

    /// Counts a wrong token from `client`.
    public func recordFailure(client: String) {
        let instant = now()
        failures.withLock { failures in
            if failures.count >= Self.maxClients {
                failures = failures.filter { $0.value.contains { instant - $0 < window } }
                if failures.count >= Self.maxClients { failures = [:] }
            }
            failures[client, default: []].append(instant)
            if failures[client]!.count > limit { failures[client]!.removeFirst() }
        }
    }

    /// A right token from `client`: its wrong tries are forgotten.
    public func recordSuccess(client: String) {
        _ = failures.withLock { $0.removeValue(forKey: client) }
    }
}
