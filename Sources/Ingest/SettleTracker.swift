/// Decides when a file has stopped changing: its size and mtime must stay the same for the
/// settle time. Pure state, no I/O: the caller stats files and passes the time.
public struct SettleTracker: Sendable {
    /// A file's size and modification time.
    public struct Signature: Sendable, Equatable {
        public var size: Int64
        public var modifiedNanoseconds: Int64
        public init(size: Int64, modifiedNanoseconds: Int64) {
            self.size = size
            self.modifiedNanoseconds = modifiedNanoseconds
        }
    }

    private struct Entry {
        var file: InboxFile
        var signature: Signature
        var lastChange: Double
    }

    /// How long a file must stay unchanged, in seconds; may change between calls (a reload).
    public var settle: Double
    private var entries: [String: Entry] = [:]

    /// A tracker with the given settle time in seconds.
    public init(settle: Double) {
        self.settle = settle
    }

    /// Files being watched.
    public var count: Int { entries.count }

    /// Records what a stat of `file` at `now` found; a change restarts its settle time.
    public mutating func observe(_ file: InboxFile, signature: Signature, now: Double) {
        if let entry = entries[file.path], entry.signature == signature { return }
        entries[file.path] = Entry(file: file, signature: signature, lastChange: now)
    }

    /// Restarts the settle time of `path` (it is still being written).
    public mutating func restart(_ path: String, now: Double) {
        entries[path]?.lastChange = now
    }

    /// Forgets a file (it vanished or was taken).
    public mutating func forget(_ path: String) {
        entries[path] = nil
    }

    /// Files whose settle time has passed since their last observed change.
    public func due(now: Double) -> [InboxFile] {
        entries.values.filter { now - $0.lastChange >= settle }.map(\.file)
    }

    /// Whether `signature` still matches what was recorded for `path`.
    public func isUnchanged(_ path: String, signature: Signature) -> Bool {
        entries[path]?.signature == signature
    }

    /// Seconds until the next file may be due, nil when none is watched.
    public func secondsUntilNextDue(now: Double) -> Double? {
        entries.values.map { max(0, $0.lastChange + settle - now) }.min()
    }
}
