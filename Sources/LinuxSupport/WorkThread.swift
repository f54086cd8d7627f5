/// One dedicated thread that runs submitted blocking work in order, and lets async code
/// await its results without blocking the cooperative pool.
public final class WorkThread: Sendable {
    private let queue = BlockingQueue<@Sendable () -> Void>()
    private let thread: DedicatedThread

    /// Starts the thread.
    public init(name: String) {
        let queue = self.queue
        thread = DedicatedThread(name: name) {
            while let work = queue.pop() { work() }
        }
    }

    /// Work waiting to run.
    public var backlog: Int { queue.count }

    /// Runs `work` on the thread, later; dropped if the thread is shutting down.
    public func submit(_ work: @escaping @Sendable () -> Void) {
        queue.push(work)
    }

    /// Runs `work` on the thread and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.push { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Stops taking work and waits for the thread to end; with `discardingPending`, work
    /// not yet started is dropped (its continuations are never resumed, so only use that
    /// for `submit`ted work).
    public func shutdown(discardingPending: Bool = false) async {
        queue.close(discardingPending: discardingPending)
        await thread.join()
    }
}
