/// How the inbox is watched.
public struct InboxSettings: Sendable, Equatable {
    /// The inbox folder (absolute).
    public var path: String
    /// Seconds a file's size and mtime must stay unchanged before it is taken.
    public var settle: Double
    /// Seconds between scans in polling mode (network shares, where inotify is silent);
    /// nil for inotify.
    public var pollInterval: Double?
    /// Seconds between safety rescans in inotify mode (0: none).
    public var rescanInterval: Double
    /// Whether a second file with the same content becomes a `duplicate` job.
    public var skipDuplicates: Bool

    /// Settings for the inbox at `path`.
    public init(path: String, settle: Double, pollInterval: Double?, rescanInterval: Double, skipDuplicates: Bool) {
        self.path = path
        self.settle = settle
        self.pollInterval = pollInterval
        self.rescanInterval = rescanInterval
        self.skipDuplicates = skipDuplicates
    }
}
