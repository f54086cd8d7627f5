import Foundation

/// Wakes idle workers when work may be there (a job queued, shutdown). Workers wait with a
/// timeout too, so a retry whose time has come is picked up without a signal.
///
/// `@unchecked Sendable`: `generation` is only touched with `condition`'s lock held.
final class WorkSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation = 0

    /// Wakes every waiting worker.
    func notify() {
        condition.lock()
        generation &+= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `notify()` or `deadline`.
    func wait(until deadline: Date) {
        condition.lock()
        let seen = generation
        while generation == seen {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
    }
}
