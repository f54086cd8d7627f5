import JobStore
import LinuxSupport
import Logging
import ServiceLifecycle
import Synchronization

/// The inbox as a service: an observer thread finds settled files and hands them to the
/// intake thread (`IntakeService`), which records them one at a time.
public final class InboxService: Service {
    private let settings: InboxSettings
    private let intake: IntakeService
    private let logger: Logger
    private let watching = Atomic<Bool>(false)
    private let settleSeconds: Mutex<Double>

    /// The observer thread's sign of life, for the watchdog.
    public let heartbeat = Heartbeat(name: "invoiced-inbox")

    /// A service watching `settings.path` and recording through `intake`.
    public init(settings: InboxSettings, intake: IntakeService, logger: Logger) {
        self.settings = settings
        self.intake = intake
        self.logger = logger
        settleSeconds = Mutex(settings.settle)
    }

    /// Whether the observer thread has set its watches (or started polling) and is running.
    public var isWatching: Bool { watching.load(ordering: .relaxed) }

    /// The settle time in seconds now in force.
    public var settle: Double { settleSeconds.withLock { $0 } }

    /// Changes the settle time of a running inbox (a configuration reload); the observer
    /// thread applies it on its next turn, to files already waiting too.
    public func updateSettle(_ seconds: Double) {
        settleSeconds.withLock { $0 = seconds }
    }

    public func run() async throws {
        // Paths handed to intake and not yet taken, so a rescan does not hand them twice.
        let inFlight = Mutex<Set<String>>([])
        // Files that could not be moved out of the inbox are not retried until they change.
        let refused = Mutex<[String: SettleTracker.Signature]>([:])
        let intake = self.intake
        // The observer's hand-off needs the observer itself (to re-offer deferred files).
        let observerBox = Mutex<InboxObserver?>(nil)
        let observer = try InboxObserver(
            settings: settings, logger: logger,
            handOff: { file in
                let signature = Self.signature(of: file.path)
                if let signature, refused.withLock({ $0[file.path] }) == signature { return }
                inFlight.withLock { _ = $0.insert(file.path) }
                intake.submit(file) { result in
                    inFlight.withLock { _ = $0.remove(file.path) }
                    switch result {
                    // A file refused in the inbox waits there until it changes; one refused
                    // after its move (unreadable) is in failed/, and its path is free again.
                    case .refused: if Self.signature(of: file.path) != nil { refused.withLock { $0[file.path] = signature } }
                    case .deferred: observerBox.withLock { $0 }?.retryLater(file, after: 3)
                    case .queued, .duplicate, .skipped: break
                    }
                }
            },
            isInFlight: { path in inFlight.withLock { $0.contains(path) } },
            settle: { [self] in settle },
            heartbeat: heartbeat,
            onWatching: { [self] in markWatching() })
        observerBox.withLock { $0 = observer }

        if settings.pollInterval == nil, let type = try? FileSystemType.of(settings.path), type.isNetwork {
            logger.warning("the inbox is on a network file system, where inotify does not see files written by other machines; set inbox.poll_interval (e.g. 5s) to poll it",
                           metadata: ["inbox": "\(settings.path)", "filesystem": "\(type)"])
        }
        let observerThread = DedicatedThread(name: "invoiced-inbox") { observer.run() }

        try? await gracefulShutdown()

        watching.store(false, ordering: .relaxed)
        observer.stop()
        await observerThread.join()
    }

    private static func signature(of path: String) -> SettleTracker.Signature? {
        guard let status = (try? FileSystem.status(path)) ?? nil else { return nil }
        return SettleTracker.Signature(size: status.size, modifiedNanoseconds: status.modifiedNanoseconds)
    }

    private func markWatching() {
        watching.store(true, ordering: .relaxed)
        logger.info("watching the inbox", metadata: ["inbox": "\(settings.path)", "settle_ms": "\(Int(settle * 1000))"])
    }
}
