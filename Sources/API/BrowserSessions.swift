import Foundation
import Synchronization

/// The browser sessions `POST /login` opens: a page cannot send `Authorization: Bearer`, so
/// the token is exchanged once for a cookie naming one of these.
///
/// A random id kept in memory with its expiry, not an HMAC of the time under a per-start key:
/// `POST /logout` must end a session at once (a stolen or shared cookie dies with it), and a
/// signed value stays good until it expires unless a list of revoked ones is kept anyway. The
/// id is 32 bytes from the system's cryptographic generator (getrandom), so it says nothing
/// about the token and cannot be guessed. Sessions end with the daemon: after a restart the
/// browser is sent to the login page again.
public final class BrowserSessions: Sendable {
    /// The cookie that carries a session id.
    public static let cookieName = "invoiced_session"
    /// How long a session lasts from its login (12 hours by default): a login in the morning
    /// lasts the working day, and a cookie left in a shared browser does not last into the next.
    public let lifetime: Duration
    /// Sessions kept at most; logging in beyond that ends the oldest first (only a holder of
    /// the token can log in, so this only bounds memory against a misbehaving script).
    public let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    /// Each open session's expiry, by id.
    private let sessions = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Sessions of `lifetime`, at most `capacity` at once; `now` is the clock (tests move it).
    public init(lifetime: Duration = .seconds(12 * 3600), capacity: Int = 1000,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// A new session's id: 64 hex digits.
    public func open() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
        let instant = now()
        sessions.withLock { expiries in
            expiries = expiries.filter { $0.value > instant }
            while expiries.count >= capacity, let oldest = expiries.min(by: { $0.value < $1.value }) {
                expiries.removeValue(forKey: oldest.key)
            }
            expiries[id] = instant + lifetime
        }
        return id
    }

    /// Whether `id` names a session that has not expired or been closed.
    public func isOpen(_ id: String) -> Bool {
        let instant = now()
        return sessions.withLock { expiries in
            guard let expiry = expiries[id] else { return false }
            if expiry > instant { return true }
            expiries.removeValue(forKey: id)
            return false
        }
    }

    /// Ends the session `id` (logout); nothing if there is none.
    public func close(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Sessions open now, expired ones not counted.
    public var count: Int {
        let instant = now()
        return sessions.withLock { $0.values.filter { $0 > instant }.count }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
