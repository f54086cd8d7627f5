import Logging
import ServiceLifecycle

/// The daemon's conversation with systemd, as a service: `READY=1` once the database is open,
/// the inbox watched and the socket listening; `STATUS=` with the queue, refreshed every few
/// seconds; `WATCHDOG=1` every half `WATCHDOG_USEC` while every worker and the inbox thread
/// are alive; `STOPPING=1` at shutdown. Listed last in the group, it is the first to hear
/// of a shutdown, so systemd learns of it at once.
///
/// Without systemd it still waits for readiness (and logs it) and fails the start when a
/// part cannot come up.
final class NotifyService: Service {
    private let notifier: SystemdNotifier
    private let readiness: Readiness
    private let liveness: Liveness
    private let status: @Sendable () async -> String
    private let statusInterval: Double
    private let logger: Logger

    /// `status` makes the `STATUS=` line; it is sent when it changes, checked every
    /// `statusInterval` seconds.
    init(notifier: SystemdNotifier, readiness: Readiness, liveness: Liveness, statusInterval: Double = 2,
         logger: Logger, status: @escaping @Sendable () async -> String) {
        self.notifier = notifier
        self.readiness = readiness
        self.liveness = liveness
        self.status = status
        self.statusInterval = statusInterval
        self.logger = logger
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.converse() }
        } catch is CancellationError {}
        notifier.send("STOPPING=1", "STATUS=Stopping: finishing running jobs")
    }

    private func converse() async throws {
        try await readiness.wait()
        let first = await status()
        notifier.send("READY=1", "STATUS=\(first)")
        logger.notice("invoiced ready", metadata: [
            "systemd": "\(notifier.address.map { "\($0)" } ?? "no")",
            "watchdog_s": "\(notifier.watchdogInterval.map { "\($0)" } ?? "off")",
        ])
        guard notifier.isEnabled else {
            try await gracefulShutdown()
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let interval = notifier.watchdogInterval {
                group.addTask { try await self.pingWatchdog(every: interval / 2) }
            }
            group.addTask { try await self.refreshStatus(from: first) }
            try await group.waitForAll()
        }
    }

    /// Pings while `liveness` finds nothing wrong; a stuck thread stops the pings, and systemd
    /// restarts the daemon when `WATCHDOG_USEC` passes without one.
    private func pingWatchdog(every period: Double) async throws {
        var pinging = true
        while true {
            let problems = liveness.problems()
            if problems.isEmpty {
                notifier.send("WATCHDOG=1")
                if !pinging {
                    logger.notice("every thread is alive again; pinging the systemd watchdog")
                    pinging = true
                }
            } else if pinging {
                pinging = false
                logger.critical("not pinging the systemd watchdog: the daemon is stuck, systemd will restart it",
                                metadata: ["problems": "\(problems.joined(separator: "; "))"])
            }
            try await Task.sleep(for: .seconds(period))
        }
    }

    private func refreshStatus(from first: String) async throws {
        var last = first
        while true {
            try await Task.sleep(for: .seconds(statusInterval))
            let line = await status()
            if line != last {
                notifier.send("STATUS=\(line)")
                last = line
            }
        }
    }
}
