import Glibc
import Logging
import Synchronization

/// Log lines for journald's stream (`StandardError=journal`): each line starts with its
/// syslog priority (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug), which journald
/// strips and records as the entry's level; no timestamp, since journald adds its own.
struct JournalLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// One write at a time, so concurrent lines never interleave.
    private static let output = Mutex<Void>(())

    init() {}

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let given = event.metadata { merged.merge(given) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        let line = Self.format(level: event.level, message: "\(event.message)", metadata: merged)
        let bytes = Array(line.utf8)
        Self.output.withLock { _ in
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, bytes.count - written) }
                if n > 0 {
                    written += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    break // nowhere left to report a failing log stream
                }
            }
        }
    }

    /// The syslog priority of a swift-log level (RFC 5424 severities).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// `<P>message key=value ...\n`; every line of a multi-line message carries the prefix, so
    /// journald records each at the same level.
    static func format(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let prefix = "<\(priority(level))>"
        var text = message
        if !metadata.isEmpty {
            text += " " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n") + "\n"
    }
}
