/// What the daemon's parts report about themselves, for `/healthz` and `/api/stats`.
public struct DaemonHealth: Sendable {
    /// Problems that make the daemon unhealthy; empty when all is well.
    public var problems: @Sendable () -> [String]
    /// Workers busy reading, and configured.
    public var workers: @Sendable () -> (busy: Int, total: Int)

    /// Health from the given probes.
    public init(problems: @escaping @Sendable () -> [String], workers: @escaping @Sendable () -> (busy: Int, total: Int)) {
        self.problems = problems
        self.workers = workers
    }
}
