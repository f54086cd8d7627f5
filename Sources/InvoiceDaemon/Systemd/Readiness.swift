import Synchronization

/// What must hold before the daemon tells systemd `READY=1`: each condition names a part that
/// must work (the inbox watched, the socket listening). A part that cannot start reports a
/// failure instead, which stops the daemon.
final class Readiness: Sendable {
    /// A part and how to tell that it works.
    struct Condition: Sendable {
        let part: String
        let holds: @Sendable () -> Bool
    }

    private let conditions: [Condition]
    private let failure = Mutex<String?>(nil)

    /// Readiness once every condition holds.
    init(_ conditions: [Condition]) {
        self.conditions = conditions
    }

    /// A part cannot work; the daemon stops with `message`.
    func fail(_ message: String) {
        failure.withLock { if $0 == nil { $0 = message } }
    }

    /// Parts whose condition does not hold yet.
    var pending: [String] { conditions.filter { !$0.holds() }.map(\.part) }

    /// Waits until every condition holds; throws the first failure, or when cancelled.
    /// Startup takes a second or so: checking every 20 ms costs nothing and stays simple.
    func wait() async throws {
        while true {
            if let message = failure.withLock({ $0 }) { throw ConfigError(message) }
            if pending.isEmpty { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
