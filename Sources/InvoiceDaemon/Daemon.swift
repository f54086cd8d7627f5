import API
import Chat
import Foundation
import Glibc
import Hummingbird
import Ingest
import JobEvents
import JobStore
import LinuxSupport
import Logging
import Metrics
import OCR
import Pipeline
import Prometheus
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
        // Past a file size limit (RLIMIT_FSIZE), a write must fail with EFBIG and be retried
        // like a full disk, not kill the daemon.
        signal(SIGXFSZ, SIG_IGN)

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

        let events = JobEventBus()
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let intake = IntakeProcessor(store: store, layout: layout, skipDuplicates: config.inbox.skipDuplicates,
                                     logger: logger, events: events)
        let report = try Reconciler(intake: intake, policy: config.pipeline.retry).run()
        if report != Reconciler.Report() {
            logger.notice("startup reconciliation", metadata: [
                "intakes_completed": "\(report.intakesCompleted)", "intakes_dropped": "\(report.intakesDropped)",
                "requeued": "\(report.requeued)", "failed": "\(report.failedInterrupted)",
                "files_placed": "\(report.filesPlaced)", "orphans_adopted": "\(report.orphansAdopted)",
            ])
        }

        let workers = WorkerPool(store: store, layout: layout, settings: config.pipeline, logger: logger, events: events)
        let intakeService = IntakeService(processor: intake) { _ in workers.wake() }
        let inbox = InboxService(settings: config.inbox, intake: intakeService, logger: logger)
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
        let chat = ChatService(settings: config.chat, store: store, logger: logger)
        if let problem = chat.configurationProblem {
            logger.notice("chat is not configured; POST /chat answers 503", metadata: ["reason": "\(problem)"])
        } else {
            var metadata: Logger.Metadata = ["base_url": "\(config.chat.baseURL)", "model": "\(config.chat.model)"]
            if case let .key(_, source) = config.chat.credential { metadata["key_from"] = "\(source)" }
            logger.info("chat configured", metadata: metadata)
        }
        let apiContext = APIContext(
            store: store, layout: layout, health: health, events: events, intake: intakeService, metrics: metrics,
            uploadLimit: config.uploadLimitBytes, chat: chat)
        let router = APIRouter.build(apiContext)

        try UnixSocketGuard.prepare(config.socketPath)
        let socketPath = config.socketPath
        let socketMode = config.socketMode
        let logger = self.logger
        // Started in this order, stopped in reverse: the API first, the intake thread last; the
        // chat client closes once the API that uses it has stopped.
        var services: [any Service] = [intakeService, workers, inbox, chat]
        services.append(Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "invoiced"),
            onServerRunning: { _ in
                chmod(socketPath, mode_t(socketMode))
                logger.info("API listening", metadata: ["socket": "\(socketPath)"])
            },
            logger: logger))
        if case let .tcp(host, port) = config.http {
            var tcpContext = apiContext
            tcpContext.token = config.httpToken
            services.append(Application(
                router: APIRouter.build(tcpContext),
                configuration: .init(address: .hostname(host, port: port), serverName: "invoiced"),
                onServerRunning: { channel in
                    logger.info("API listening", metadata: ["http": "\(channel.localAddress?.description ?? "\(host):\(port)")"])
                },
                logger: logger))
        }

        // Last in the list, so first to stop: live event streams end before the servers wait
        // for their open requests.
        services.append(EventsShutdown(events: events))
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
