import JobStore
import LinuxSupport
import Logging
import ServiceLifecycle
import Synchronization

/// The inbox as a service: an observer thread that finds settled files and an intake thread
/// that records them, one file at a time (so one file is never taken twice at once).
public final class InboxService: Service {
    private let settings: InboxSettings
    private let intake: IntakeProcessor
    private let logger: Logger
    private let onQueued: @Sendable (String) -> Void
    private let watching = Atomic<Bool>(false)

    /// A service watching `settings.path`; `onQueued` is told each job id that became runnable.
    public init(settings: InboxSettings, intake: IntakeProcessor, logger: Logger,
                onQueued: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.intake = intake
        self.logger = logger
        self.onQueued = onQueued
    }

    /// Whether the observer thread is running.
    public var isWatching: Bool { watching.load(ordering: .relaxed) }

    public func run() async throws {
        let queue = BlockingQueue<InboxFile>()
        let inFlight = Mutex<Set<String>>([])
        let observer = try InboxObserver(
            settings: settings, logger: logger,
            handOff: { file in
                inFlight.withLock { _ = $0.insert(file.path) }
                queue.push(file)
            },
            isInFlight: { path in inFlight.withLock { $0.contains(path) } })

        let intake = self.intake
        let onQueued = self.onQueued
        let intakeThread = DedicatedThread(name: "invoiced-intake") {
            // Files that could not be moved out of the inbox are not retried until they change.
            var refused: [String: SettleTracker.Signature] = [:]
            while let file = queue.pop() {
                defer { inFlight.withLock { _ = $0.remove(file.path) } }
                let status = (try? FileSystem.status(file.path)) ?? nil
                let signature = status.map { SettleTracker.Signature(size: $0.size, modifiedNanoseconds: $0.modifiedNanoseconds) }
                if let signature, refused[file.path] == signature { continue }
                switch intake.take(file) {
                case let .queued(jobId): onQueued(jobId)
                case .refused: refused[file.path] = signature
                case .duplicate, .skipped: break
                }
            }
        }
        let observerThread = DedicatedThread(name: "invoiced-inbox") { observer.run() }
        watching.store(true, ordering: .relaxed)
        logger.info("watching the inbox", metadata: ["inbox": "\(settings.path)", "settle_ms": "\(Int(settings.settle * 1000))"])

        try? await gracefulShutdown()

        watching.store(false, ordering: .relaxed)
        observer.stop()
        await observerThread.join()
        // Files not yet taken stay in the inbox and are found again at the next start.
        queue.close(discardingPending: true)
        await intakeThread.join()
    }
}
