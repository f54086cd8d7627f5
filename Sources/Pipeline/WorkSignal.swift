import Foundation
import LinuxSupport

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

    /// Waits until `notify()` or `deadline`, beating `heartbeat` at least every
    /// `beatInterval` seconds: an idle worker is alive, not stuck.
    func wait(until deadline: Date, heartbeat: Heartbeat? = nil, beatInterval: Double = 1) {
        condition.lock()
        let seen = generation
        while generation == seen {
            let slice = min(deadline, Date().addingTimeInterval(beatInterval))
            let signalled = condition.wait(until: slice)
            heartbeat?.beat()
            if !signalled && slice >= deadline { break }
        }
        condition.unlock()
    }
}
