import Foundation
import Ingest
import LinuxSupport
import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP (`systemctl reload invoiced`) re-reads the configuration file and applies what can
/// change while running: the log level and the inbox settle time. Other changed settings are
/// logged as needing a restart; a file that no longer loads is logged and changes nothing.
final class ReloadService: Service {
    private let hangups: UnixSignalsSequence
    private let initial: DaemonConfig
    private let load: @Sendable () async throws -> DaemonConfig
    private let levelSwitch: LogLevelSwitch
    private let inbox: InboxService
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// `hangups` must trap SIGHUP before the daemon reports ready, so that an early reload
    /// does not kill it (SIGHUP's default action); `load` reads the configuration anew.
    init(hangups: UnixSignalsSequence, initial: DaemonConfig, load: @escaping @Sendable () async throws -> DaemonConfig,
         levelSwitch: LogLevelSwitch, inbox: InboxService, notifier: SystemdNotifier, logger: Logger) {
        self.hangups = hangups
        self.initial = initial
        self.load = load
        self.levelSwitch = levelSwitch
        self.inbox = inbox
        self.notifier = notifier
        self.logger = logger
    }

    func run() async throws {
        var running = initial
        for await _ in hangups.cancelOnGracefulShutdown() {
            running = await reload(running)
        }
    }

    /// Reloads once; returns the configuration now in force (restart-only changes are not).
    func reload(_ running: DaemonConfig) async -> DaemonConfig {
        notifier.send("RELOADING=1", "MONOTONIC_USEC=\(SystemdNotify.monotonicMicroseconds())")
        defer { notifier.send("READY=1") }
        let file = running.configFile ?? "(no config file)"
        let next: DaemonConfig
        do {
            next = try await load()
        } catch {
            let message = (error as? ConfigError)?.message ?? "\(error)"
            logger.error("configuration reload failed; keeping the running configuration", metadata: ["config": "\(file)", "error": "\(message)"])
            return running
        }
        var applied = running
        var changes: [String] = []
        if next.logLevel != running.logLevel {
            levelSwitch.set(next.logLevel)
            applied.logLevel = next.logLevel
            changes.append("\(SettingKey.logLevel.name)=\(next.logLevel)")
        }
        if next.inbox.settle != running.inbox.settle {
            inbox.updateSettle(next.inbox.settle)
            applied.inbox.settle = next.inbox.settle
            changes.append("\(SettingKey.inboxSettleMs.name)=\(Int((next.inbox.settle * 1000).rounded()))")
        }
        logger.notice("configuration reloaded", metadata: [
            "config": "\(file)", "applied": "\(changes.isEmpty ? "nothing changed" : changes.joined(separator: ", "))",
        ])
        let needRestart = next.changedKeys(from: running).filter { !DaemonConfig.reloadableKeys.contains($0) }
        if !needRestart.isEmpty {
            logger.warning("changed settings take effect only after a restart (systemctl restart invoiced)",
                           metadata: ["settings": "\(needRestart.joined(separator: ", "))"])
        }
        return applied
    }
}
