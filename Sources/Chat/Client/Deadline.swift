import NIOCore

/// Work that must finish by a point in time.
///
/// AsyncHTTPClient's `deadline` covers a request until its head arrives; the body of a slow
/// (or stalled) server has to be bounded separately, or `chat.timeout` would not be a total.
enum Deadline {
    /// The deadline passed before the work finished.
    struct Exceeded: Error {}

    /// Runs `operation`, cancelling it and throwing `Exceeded` if `deadline` passes first.
    static func run<T: Sendable>(until deadline: NIODeadline, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                let remaining = (deadline - .now()).nanoseconds
                if remaining > 0 { try await Task.sleep(for: .nanoseconds(remaining)) }
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw Exceeded() }
            return value
        }
    }
}
