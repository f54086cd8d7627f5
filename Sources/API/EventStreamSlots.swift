import Synchronization

/// Places for open `/api/events` streams, shared by the socket and TCP listeners. Each stream
/// holds a connection, a subscription and its backlog for as long as the client stays; a
/// client opening hundreds would hold the daemon's descriptors and memory.
public final class EventStreamSlots: Sendable {
    /// Streams open at most (`api.max_event_streams`).
    public let capacity: Int
    private let open = Mutex(0)

    /// Room for `capacity` streams.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Streams open now.
    public var inUse: Int { open.withLock { $0 } }

    /// A place, or nil when all are taken. The place is given back when the returned value
    /// goes away: whether the stream ends, its client leaves, or its response is never written.
    func take() -> Slot? {
        let taken = open.withLock { open in
            guard open < capacity else { return false }
            open += 1
            return true
        }
        return taken ? Slot(owner: self) : nil
    }

    /// One open stream's place.
    final class Slot: Sendable {
        private let owner: EventStreamSlots

        fileprivate init(owner: EventStreamSlots) {
            self.owner = owner
        }

        deinit {
            owner.open.withLock { $0 -= 1 }
        }
    }
}
