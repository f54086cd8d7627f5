import Foundation
import Synchronization

/// Fans job events out to any number of subscribers and keeps the last `backlogSize` so a
/// reconnecting client can resume after the last id it saw. Publishing never blocks: it is
/// called from worker and intake threads.
public final class JobEventBus: Sendable {
    private struct State {
        var nextId: UInt64 = 1
        var backlog: [JobEvent] = []
        var subscribers: [UUID: AsyncStream<JobEvent>.Continuation] = [:]
    }

    private let state = Mutex(State())
    /// Held by a publisher while it hands its event to the subscribers, so that they get
    /// events in the order of their ids. Never taken while `state` is held, and `state` is
    /// never held while a subscriber's task is woken: waking a task takes that task's lock,
    /// and cancelling a task (a client that hangs up) holds that lock while the subscription's
    /// termination takes `state`. Holding `state` across the wake-up deadlocked the two.
    private let delivery = Mutex(())
    /// Events kept for resume.
    public let backlogSize: Int

    /// Hears each event this node publishes (not those it receives): on a shared store, the
    /// relay that tells the other nodes. It must not block.
    private let relay: (@Sendable (JobEvent) -> Void)?

    /// A bus keeping the last `backlogSize` events, telling `relay` of each it publishes.
    public init(backlogSize: Int = 1000, relay: (@Sendable (JobEvent) -> Void)? = nil) {
        self.backlogSize = backlogSize
        self.relay = relay
    }

    /// Publishes an event of this node; the id and time are assigned here.
    public func publish(_ kind: JobEvent.Kind, jobId: String, filename: String, progress: Int? = nil,
                        invoiceId: Int64? = nil, message: String? = nil) {
        let event = deliver(kind, jobId: jobId, filename: filename, progress: progress, invoiceId: invoiceId, message: message)
        relay?(event)
    }

    /// Delivers an event another node published (its relay's), under an id of this bus.
    public func receive(_ kind: JobEvent.Kind, jobId: String, filename: String, progress: Int? = nil,
                        invoiceId: Int64? = nil, message: String? = nil) {
        deliver(kind, jobId: jobId, filename: filename, progress: progress, invoiceId: invoiceId, message: message)
    }

    @discardableResult
    private func deliver(_ kind: JobEvent.Kind, jobId: String, filename: String, progress: Int?, invoiceId: Int64?,
                         message: String?) -> JobEvent {
        delivery.withLock { _ in
            let (event, subscribers) = state.withLock { state in
                let event = JobEvent(id: state.nextId, kind: kind, jobId: jobId, filename: filename, progress: progress,
                                     invoiceId: invoiceId, message: message, at: Date())
                state.nextId += 1
                state.backlog.append(event)
                if state.backlog.count > backlogSize { state.backlog.removeFirst(state.backlog.count - backlogSize) }
                return (event, Array(state.subscribers.values))
            }
            // A subscriber that arrives now finds this event in the backlog, not here: none
            // gets it twice or misses it.
            for continuation in subscribers { continuation.yield(event) }
            return event
        }
    }

    /// Events from now on, preceded by the kept events after `lastEventId` (when given).
    /// A subscriber that reads too slowly loses its oldest unread events, not the daemon's memory.
    public func subscribe(after lastEventId: UInt64? = nil) -> AsyncStream<JobEvent> {
        let (stream, continuation) = AsyncStream<JobEvent>.makeStream(bufferingPolicy: .bufferingNewest(backlogSize))
        let key = UUID()
        // Before the subscription is listed: a stream cancelled as soon as it is returned is
        // still taken off the list.
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: key) }
        }
        state.withLock { state in
            // No task waits on this new stream yet: yielding to it here wakes no one.
            if let lastEventId {
                for event in state.backlog where event.id > lastEventId { continuation.yield(event) }
            }
            state.subscribers[key] = continuation
        }
        return stream
    }

    /// Current number of subscribers.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Ends every subscription (at shutdown, so SSE responses finish).
    public func finishAll() {
        let continuations = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
