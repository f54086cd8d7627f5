import Foundation
import LinuxSupport
import Logging
import Synchronization

/// Logging to stderr through swift-log, once per process: plain lines with timestamps on a
/// terminal or file; under systemd (stderr is `$JOURNAL_STREAM`), lines with syslog priority
/// prefixes and no timestamps, since journald stamps and levels each line itself.
enum LogSetup {
    /// Bootstraps swift-log; the returned switch changes the level of every logger at once.
    static func bootstrap(level: Logger.Level, environment: [String: String]) -> (Logger, LogLevelSwitch) {
        let levelSwitch = LogLevelSwitch(level)
        let journal = SystemdJournal.isJournalStream(environment: environment)
        LoggingSystem.bootstrap { label in
            if journal {
                return LevelSwitchedLogHandler(JournalLogHandler(), levelSwitch: levelSwitch)
            }
            return LevelSwitchedLogHandler(StreamLogHandler.standardError(label: label), levelSwitch: levelSwitch)
        }
        return (Logger(label: "invoiced"), levelSwitch)
    }
}

/// The log level in force for the whole process, so that a reload (SIGHUP) changes it for
/// every logger the parts of the daemon hold copies of.
final class LogLevelSwitch: Sendable {
    private let index: Atomic<Int>

    /// A switch set to `level`.
    init(_ level: Logger.Level) {
        index = Atomic(Self.index(of: level))
    }

    /// The level in force.
    var level: Logger.Level {
        Logger.Level.allCases[index.load(ordering: .relaxed)]
    }

    /// Changes the level of every logger of the process.
    func set(_ level: Logger.Level) {
        index.store(Self.index(of: level), ordering: .relaxed)
    }

    private static func index(of level: Logger.Level) -> Int {
        Logger.Level.allCases.firstIndex(of: level) ?? 0
    }
}

/// Wraps a handler so that its level is the process-wide `LogLevelSwitch`.
struct LevelSwitchedLogHandler<Inner: LogHandler>: LogHandler {
    private var inner: Inner
    let levelSwitch: LogLevelSwitch

    init(_ inner: Inner, levelSwitch: LogLevelSwitch) {
        var inner = inner
        // The switch decides; the inner handler passes everything it is given.
        inner.logLevel = .trace
        self.inner = inner
        self.levelSwitch = levelSwitch
    }

    /// Reads the switch; setting it sets the switch (there is one level per process).
    var logLevel: Logger.Level {
        get { levelSwitch.level }
        set { levelSwitch.set(newValue) }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}
