import Foundation
import JobEvents
import Synchronization
import Testing

/// `/api/events` clients leave while jobs change: the stream's task is cancelled on an event
/// loop at the moment a worker or the intake thread publishes to it. Found by `make fuzz`:
/// the publisher held the bus's lock while waking the subscriber's task (which takes that
/// task's lock), and the cancellation held the task's lock while ending the subscription
/// (which takes the bus's lock); each waited for the other, and with them the whole API, the
/// intake and the shutdown.
@Suite struct JobEventBusCancellationTests {
    final class Counters: Sendable {
        let stop = Atomic<Bool>(false)
        let rounds = Atomic<Int>(0)
        let published = Atomic<Int>(0)
    }

    /// Set once, by whichever comes first: the work or the deadline.
    final class Outcome: Sendable {
        private let state = Mutex<(result: Bool?, continuation: CheckedContinuation<Bool, Never>?)>((nil, nil))

        func wait() async -> Bool {
            await withCheckedContinuation { continuation in
                let result: Bool? = state.withLock { state in
                    if state.result == nil { state.continuation = continuation }
                    return state.result
                }
                if let result { continuation.resume(returning: result) }
            }
        }

        func finish(_ finished: Bool) {
            let continuation: CheckedContinuation<Bool, Never>? = state.withLock { state in
                guard state.result == nil else { return nil }
                state.result = finished
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume(returning: finished)
        }
    }

    @Test func subscribersCancelledWhileEventsArePublished_neitherBlocksTheOther() async throws {
        let bus = JobEventBus()
        let counters = Counters()
        let outcome = Outcome()
        // Published without pause from a thread of its own, as workers and the intake do.
        let publisher = Thread {
            var index = 0
            while !counters.stop.load(ordering: .relaxed) {
                bus.publish(.progress, jobId: "job", filename: "a.png", progress: index % 100)
                counters.published.add(1, ordering: .relaxed)
                index += 1
            }
        }
        // Subscribers waiting for the next event, cancelled from another thread (the event
        // loop of a client that hung up), round after round: the deadlock came within 8.
        let rounds = 40
        let canceller = Thread {
            while counters.rounds.load(ordering: .relaxed) < rounds {
                let tasks = (0..<8).map { _ in
                    Task.detached {
                        for await _ in bus.subscribe() {}
                    }
                }
                while bus.subscriberCount < tasks.count { sched_yield() }
                for task in tasks { task.cancel() }
                counters.rounds.add(1, ordering: .relaxed)
            }
            outcome.finish(true)
        }
        // A deadlock is no progress, not slowness: under a full test run the cooperative pool
        // may be busy for long, and the subscribers' tasks wait for it. The deadlock stopped
        // the publisher too, so the watchdog gives up when for 20 s neither a round ends nor
        // an event is published (or after 5 minutes in all). It runs on a thread of its own,
        // since a stuck bus may hold the threads of the cooperative pool.
        let deadline = Thread {
            var seen = (-1, -1), since = Date()
            let start = Date()
            while counters.rounds.load(ordering: .relaxed) < rounds {
                let now = (counters.rounds.load(ordering: .relaxed), counters.published.load(ordering: .relaxed))
                if now != seen { seen = now; since = Date() }
                if Date().timeIntervalSince(since) > 20 || Date().timeIntervalSince(start) > 300 { outcome.finish(false); return }
                usleep(50_000)
            }
        }
        publisher.start()
        canceller.start()
        deadline.start()
        let finished = await outcome.wait()
        counters.stop.store(true, ordering: .relaxed)
        let done = counters.rounds.load(ordering: .relaxed)
        #expect(finished, "publishing and cancelling deadlocked after \(done) rounds")
        #expect(done == rounds)
    }
}
