import Synchronization

/// Bytes that uploads in progress may hold in memory, together. Each upload buffers its body
/// up to `upload_max_mb` before it is written to the spool; without a shared bound, fifty
/// slow uploads at once would hold fifty times that. An upload that does not fit waits for
/// no one: it is answered 503 with `Retry-After`, and the client sends it again.
public final class UploadBudget: Sendable {
    /// The most bytes held at once.
    public let capacity: Int
    private let held = Mutex(0)

    /// A budget of `capacity` bytes.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Bytes reserved now by uploads in progress.
    public var inUse: Int { held.withLock { $0 } }

    /// Reserves `bytes` if they fit; the caller gives them back with `release` when done.
    func reserve(_ bytes: Int) -> Bool {
        held.withLock { held in
            guard held + bytes <= capacity else { return false }
            held += bytes
            return true
        }
    }

    func release(_ bytes: Int) {
        held.withLock { $0 -= bytes }
    }
}
