import LinuxSupport
import Logging
import Synchronization

/// Tells systemd about the daemon's state through `$NOTIFY_SOCKET`; does nothing when the
/// daemon was not started by systemd as `Type=notify`. A failed send is logged once: systemd
/// may be restarting, and the daemon runs on regardless.
final class SystemdNotifier: Sendable {
    /// Where messages go; nil when nobody listens.
    let address: SystemdNotify.Address?
    /// Seconds within which systemd expects `WATCHDOG=1`; nil without a watchdog.
    let watchdogInterval: Double?
    private let logger: Logger
    private let failing = Atomic<Bool>(false)

    /// A notifier for the process environment `environment`.
    init(environment: [String: String], logger: Logger) {
        self.logger = logger
        do {
            address = try SystemdNotify.address(environment: environment)
        } catch {
            logger.warning("NOTIFY_SOCKET is not an address invoiced can use; not notifying systemd", metadata: ["error": "\(error)"])
            address = nil
        }
        watchdogInterval = address == nil ? nil : SystemdNotify.watchdogInterval(environment: environment)
    }

    /// Whether systemd listens.
    var isEnabled: Bool { address != nil }

    /// Sends `assignments` as one message.
    func send(_ assignments: String...) {
        guard let address else { return }
        do {
            try SystemdNotify.send(assignments, to: address)
            if failing.exchange(false, ordering: .relaxed) {
                logger.notice("notifying systemd works again")
            }
        } catch {
            if !failing.exchange(true, ordering: .relaxed) {
                logger.warning("cannot notify systemd", metadata: ["socket": "\(address)", "error": "\(error)"])
            }
        }
    }
}
