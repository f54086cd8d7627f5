import API
import Foundation
import Glibc
import Hummingbird
import Ingest
import JobStore
import LinuxSupport
import Logging
import OCR
import Pipeline
import ServiceLifecycle
import UnixSignals

/// The composition root: builds every part from the configuration, in dependency order,
/// and runs them as one service group until SIGTERM or SIGINT.
public struct Daemon {
    let config: DaemonConfig
    let logger: Logger

    /// A daemon for `config`, logging to `logger`.
    public init(config: DaemonConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Runs until a termination signal; throws what prevented it from starting.
    public func run() async throws {
        // Files the daemon creates are for its user and group only; the socket's mode is set
        // explicitly after binding.
        umask(0o007)

        // Fail fast, before anything is touched, if OCR cannot work: never fake results.
        do {
            _ = try TesseractEngine(languages: config.pipeline.languages, dataPath: config.pipeline.tessdata)
        } catch {
            throw ConfigError("\(error)")
        }

        let layout = DataLayout(root: config.dataDir)
        do {
            try layout.createDirectories()
            try FileSystem.createDirectories(config.inbox.path)
        } catch {
            throw ConfigError("cannot create the data or inbox folders: \(error)")
        }
        let store: JobStore
        do { store = try JobStore(path: layout.database) } catch {
            throw ConfigError("cannot open the database \(layout.database): \(error)")
        }

        let intake = IntakeProcessor(store: store, layout: layout, skipDuplicates: config.inbox.skipDuplicates, logger: logger)
        let report = try Reconciler(intake: intake, policy: config.pipeline.retry).run()
        if report != Reconciler.Report() {
            logger.notice("startup reconciliation", metadata: [
                "intakes_completed": "\(report.intakesCompleted)", "intakes_dropped": "\(report.intakesDropped)",
                "requeued": "\(report.requeued)", "failed": "\(report.failedInterrupted)",
                "files_placed": "\(report.filesPlaced)", "orphans_adopted": "\(report.orphansAdopted)",
            ])
        }

        let workers = WorkerPool(store: store, layout: layout, settings: config.pipeline, logger: logger)
        let inbox = InboxService(settings: config.inbox, intake: intake, logger: logger) { _ in workers.wake() }
        let health = DaemonHealth(
            problems: {
                var problems: [String] = []
                if !inbox.isWatching { problems.append("inbox not watched") }
                if workers.aliveWorkers < workers.configuredWorkers {
                    problems.append("\(workers.configuredWorkers - workers.aliveWorkers) of \(workers.configuredWorkers) workers not running")
                }
                return problems
            },
            workers: { (workers.busyWorkers, workers.configuredWorkers) })
        let router = APIRouter.build(store: store, health: health)

        try UnixSocketGuard.prepare(config.socketPath)
        let socketPath = config.socketPath
        let socketMode = config.socketMode
        let logger = self.logger
        var services: [any Service] = [workers, inbox]
        services.append(Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "invoiced"),
            onServerRunning: { _ in
                chmod(socketPath, mode_t(socketMode))
                logger.info("API listening", metadata: ["socket": "\(socketPath)"])
            },
            logger: logger))
        if case let .tcp(host, port) = config.http {
            services.append(Application(
                router: router,
                configuration: .init(address: .hostname(host, port: port), serverName: "invoiced"),
                onServerRunning: { channel in
                    logger.info("API listening", metadata: ["http": "\(channel.localAddress?.description ?? "\(host):\(port)")"])
                },
                logger: logger))
        }

        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger))
        logger.notice("invoiced started", metadata: [
            "inbox": "\(config.inbox.path)", "data_dir": "\(config.dataDir)", "workers": "\(config.pipeline.workers)",
            "config": "\(config.configFile ?? "(defaults)")",
        ])
        defer {
            try? FileSystem.removeIfPresent(socketPath)
            logger.notice("invoiced stopped")
        }
        try await group.run()
    }
}
