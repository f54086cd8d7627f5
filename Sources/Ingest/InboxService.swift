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

    /// A service watching `settings.path` and recording through `intake`.
    public init(settings: InboxSettings, intake: IntakeService, logger: Logger) {
        self.settings = settings
        self.intake = intake
        self.logger = logger
    }

    /// Whether the observer thread is running.
    public var isWatching: Bool { watching.load(ordering: .relaxed) }

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
                    case .refused: refused.withLock { $0[file.path] = signature }
                    case .deferred: observerBox.withLock { $0 }?.retryLater(file, after: 3)
                    case .queued, .duplicate, .skipped: break
                    }
                }
            },
            isInFlight: { path in inFlight.withLock { $0.contains(path) } })
        observerBox.withLock { $0 = observer }

        if settings.pollInterval == nil, let type = try? FileSystemType.of(settings.path), type.isNetwork {
            logger.warning("the inbox is on a network file system, where inotify does not see files written by other machines; set inbox.poll_interval (e.g. 5s) to poll it",
                           metadata: ["inbox": "\(settings.path)", "filesystem": "\(type)"])
        }
        let observerThread = DedicatedThread(name: "invoiced-inbox") { observer.run() }
        watching.store(true, ordering: .relaxed)
        logger.info("watching the inbox", metadata: ["inbox": "\(settings.path)", "settle_ms": "\(Int(settings.settle * 1000))"])

        try? await gracefulShutdown()

        watching.store(false, ordering: .relaxed)
        observer.stop()
        await observerThread.join()
    }

    private static func signature(of path: String) -> SettleTracker.Signature? {
        guard let status = (try? FileSystem.status(path)) ?? nil else { return nil }
        return SettleTracker.Signature(size: status.size, modifiedNanoseconds: status.modifiedNanoseconds)
    }
}
