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
import PostgresStore
import Prometheus
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The composition root: builds every part from the configuration, in dependency order,
/// and runs them as one service group until SIGTERM or SIGINT. SIGHUP reloads what can
/// change while running; systemd hears of readiness, status, liveness and shutdown.
public struct Daemon {
    let config: DaemonConfig
    let logger: Logger
    let environment: [String: String]
    let levelSwitch: LogLevelSwitch
    let loadConfig: @Sendable () async throws -> DaemonConfig

    /// A daemon for `config`, logging to `logger` whose level `levelSwitch` controls;
    /// `loadConfig` reads the configuration again on SIGHUP.
    init(config: DaemonConfig, logger: Logger, levelSwitch: LogLevelSwitch, environment: [String: String],
         loadConfig: @escaping @Sendable () async throws -> DaemonConfig) {
        self.config = config
        self.logger = logger
        self.levelSwitch = levelSwitch
        self.environment = environment
        self.loadConfig = loadConfig
    }

    /// Runs until a termination signal; throws what prevented it from starting.
    public func run() async throws {
        // Files the daemon creates are for its user and group only; the socket's mode is set
        // explicitly after binding.
        umask(0o007)
        // Past a file size limit (RLIMIT_FSIZE), a write must fail with EFBIG and be retried
        // like a full disk, not kill the daemon.
        signal(SIGXFSZ, SIG_IGN)
        let notifier = SystemdNotifier(environment: environment, logger: logger)
        notifier.send("STATUS=Starting: checking Tesseract, opening the database")
        let socketAccess = try SocketAccess(config: config)

        try checkOCR()

        let (layout, store, shared) = try await openStore()
        // On a shared store this node's events are relayed to the other nodes' streams.
        let relay = shared.map { PostgresEventRelay(session: $0.session) }
        let events = eventBus(relayingTo: relay)
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let intake = IntakeProcessor(store: store, layout: layout, inbox: config.inbox.path, skipDuplicates: config.inbox.skipDuplicates,
                                     logger: logger, events: events)
        try await reconcile(intake, layout: layout)

        let workers = WorkerPool(store: store, layout: layout, settings: config.pipeline, logger: logger, events: events)
        let intakeService = IntakeService(processor: intake) { _ in workers.wake() }
        let inbox = InboxService(settings: config.inbox, intake: intakeService, logger: logger)
        let liveness = Self.liveness(workers: workers, inbox: inbox)
        let health = DaemonHealth(
            problems: { liveness.problems() },
            workers: { (workers.busyWorkers, workers.configuredWorkers) })
        let chat = ChatService(settings: config.chat, store: store, logger: logger)
        logChatConfiguration(chat)
        let apiContext = APIContext(
            store: store, layout: layout, health: health, events: events, intake: intakeService, metrics: metrics,
            uploadLimit: config.uploadLimitBytes, chat: chat, maxEventStreams: config.maxEventStreams)

        try UnixSocketGuard.prepare(config.socketPath)
        let socketPath = config.socketPath
        let logger = self.logger
        let socketListening = Atomic<Bool>(false)
        let tcpListening = Atomic<Bool>(false)
        let readiness = readiness(workers: workers, inbox: inbox, socketListening: { socketListening.load(ordering: .relaxed) },
                                  tcpListening: { tcpListening.load(ordering: .relaxed) })
        // Started in this order, stopped in reverse: the API first, the intake thread last; the
        // chat client closes once the API that uses it has stopped.
        var services: [any Service] = [intakeService, workers, inbox, chat]
        if let shared, let relay {
            services.append(SharedStoreService(session: shared.session, relay: relay, events: events, node: config.nodeName) { workers.wake() })
        }
        services.append(socketListener(apiContext, access: socketAccess, readiness: readiness,
                                       onListening: { socketListening.store(true, ordering: .relaxed) }))
        if let tcp = tcpListener(config, context: apiContext, onListening: { tcpListening.store(true, ordering: .relaxed) }) {
            services.append(tcp)
        }

        // Live event streams end before the servers wait for their open requests.
        services.append(EventsShutdown(events: events))
        // Trapped before anything reports ready: SIGHUP's default action would kill the daemon.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        services.append(ReloadService(hangups: hangups, initial: config, load: loadConfig, levelSwitch: levelSwitch,
                                      inbox: inbox, notifier: notifier, logger: logger))
        // Last, so that it is the first to hear of a shutdown and tells systemd at once
        // (it and the reload service stop at once, before the event streams and servers).
        services.append(NotifyService(notifier: notifier, readiness: readiness, liveness: liveness, logger: logger) {
            do {
                return StatusLine.text(counts: try await store.stats().counts, problems: liveness.problems())
            } catch {
                return "database unreachable: \(error)"
            }
        })

        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger))
        logger.notice("invoiced started", metadata: [
            "inbox": "\(config.inbox.path)", "data_dir": "\(config.dataDir)", "workers": "\(config.pipeline.workers)",
            "config": "\(config.configFile ?? "(defaults)")",
            "chat_key": "\(config.chat.credential.source ?? "none")",
        ])
        defer {
            try? FileSystem.removeIfPresent(socketPath)
            logger.notice("invoiced stopped")
        }
        try await group.run()
    }

    /// Alive while the workers beat and the inbox is watched; the problems name what is not.
    private static func liveness(workers: WorkerPool, inbox: InboxService) -> Liveness {
        Liveness(heartbeats: workers.heartbeats + [inbox.heartbeat]) {
            var problems: [String] = []
            if !inbox.isWatching { problems.append("inbox not watched") }
            if workers.aliveWorkers < workers.configuredWorkers {
                problems.append("\(workers.configuredWorkers - workers.aliveWorkers) of \(workers.configuredWorkers) workers not running")
            }
            return problems
        }
    }

    /// Ready when every worker has started (each loads its own Tesseract engine first,
    /// 0.1-0.2 s), the inbox is watched and the listeners listen.
    private func readiness(workers: WorkerPool, inbox: InboxService, socketListening: @escaping @Sendable () -> Bool,
                           tcpListening: @escaping @Sendable () -> Bool) -> Readiness {
        var conditions = [
            Readiness.Condition(part: "workers started") { workers.aliveWorkers == workers.configuredWorkers },
            Readiness.Condition(part: "inbox watched") { inbox.isWatching },
            Readiness.Condition(part: "socket listening", holds: socketListening),
        ]
        if case .tcp = config.http { conditions.append(Readiness.Condition(part: "http listening", holds: tcpListening)) }
        return Readiness(conditions)
    }

    /// Creates the data and inbox folders and opens the store (on a thread of its own: the
    /// stores block, and this task may run on an event loop); the invoices marked under
    /// another review threshold follow this one before any worker writes a row, so that the
    /// list filter and the count mean one thing. A shared store comes with its session.
    private func openStore() async throws -> (DataLayout, any InvoiceStore, PostgresInvoiceStore?) {
        let layout = DataLayout(root: config.dataDir)
        do {
            try layout.createDirectories()
            try FileSystem.createDirectories(config.inbox.path)
        } catch {
            throw ConfigError("cannot create the data or inbox folders: \(error)")
        }
        let (address, node, logger) = (config.store, config.nodeName, logger)
        let store: any InvoiceStore
        var shared: PostgresInvoiceStore?
        do {
            switch address {
            case let .sqlite(path):
                store = try JobStore(path: path)
            case let .postgresql(location, password):
                let session = PostgresSession(location: location, password: password?.text, logger: logger, applicationName: node)
                let opened = try await DedicatedThread.run(name: "invoiced-open") { try PostgresInvoiceStore(session: session, node: node) }
                (store, shared) = (opened, opened)
            }
        } catch {
            throw ConfigError("cannot open the store \(address): \(error)")
        }
        let threshold = config.pipeline.reviewBelow
        if let changed = try await DedicatedThread.run(name: "invoiced-open", { try store.applyReviewThreshold(threshold) }) {
            logger.notice("extraction.review_below applied to the stored invoices",
                          metadata: ["review_below": "\(threshold)", "invoices_changed": "\(changed)"])
        }
        return (layout, store, shared)
    }

    /// Fails fast, before anything is touched, if OCR cannot work: never fake results.
    private func checkOCR() throws {
        do {
            _ = try TesseractEngine(languages: config.pipeline.languages, dataPath: config.pipeline.tessdata)
        } catch {
            throw ConfigError("\(error)")
        }
    }

    /// The job events of this node, told to the other nodes through `relay` on a shared store.
    private func eventBus(relayingTo relay: PostgresEventRelay?) -> JobEventBus {
        guard let relay else { return JobEventBus() }
        let node = config.nodeName
        return JobEventBus { event in relay.send(event.relayPayload(node: node)) }
    }

    /// The crash record of this node: on a shared data folder each node keeps its own.
    private func crashRecordPath(_ layout: DataLayout) -> String {
        config.store.isShared ? "\(layout.crashRecord).\(config.nodeName)" : layout.crashRecord
    }

    /// Settles what the last run left (half-done intakes, jobs it was reading, the jobs it was
    /// reading when it died of a fault or abort), then installs a fresh crash record.
    private func reconcile(_ intake: IntakeProcessor, layout: DataLayout) async throws {
        let crashRecord = crashRecordPath(layout)
        let crashedOn = CrashRecord.read(path: crashRecord)
        let reconciler = Reconciler(intake: intake, policy: config.pipeline.retry, crashedOn: crashedOn,
                                    sharedDataFolder: config.store.isShared)
        let report = try await DedicatedThread.run(name: "invoiced-reconcile") { try reconciler.run() }
        do { try CrashRecord.install(path: crashRecord) } catch {
            throw ConfigError("cannot create the crash record \(crashRecord): \(error)")
        }
        guard report != Reconciler.Report() else { return }
        logger.notice("startup reconciliation", metadata: [
            "intakes_completed": "\(report.intakesCompleted)", "intakes_dropped": "\(report.intakesDropped)",
            "requeued": "\(report.requeued)", "failed": "\(report.failedInterrupted)",
            "files_placed": "\(report.filesPlaced)", "orphans_adopted": "\(report.orphansAdopted)",
        ])
    }

    /// Says whether chat can answer, and from where its key came (never the key).
    private func logChatConfiguration(_ chat: ChatService) {
        if let problem = chat.configurationProblem {
            logger.notice("chat is not configured; POST /chat answers 503", metadata: ["reason": "\(problem)"])
            return
        }
        var metadata: Logger.Metadata = ["base_url": "\(config.chat.baseURL)", "model": "\(config.chat.model)"]
        if case let .key(_, source) = config.chat.credential { metadata["key_from"] = "\(source)" }
        logger.info("chat configured", metadata: metadata)
    }

    /// The API on the Unix socket; once it listens, the socket gets its group and mode
    /// (readiness fails if it cannot) and `onListening` runs.
    private func socketListener(_ context: APIContext, access: SocketAccess, readiness: Readiness,
                                onListening: @escaping @Sendable () -> Void) -> any Service {
        let socketPath = config.socketPath
        let logger = self.logger
        return Application(
            router: APIRouter.build(context),
            // A connection that sends nothing for this long, between requests or halfway through
            // one (a slow-loris client), is closed; one waiting for its answer or reading a stream is not.
            server: APIServer.http1(idleTimeout: config.idleTimeout),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "invoiced"),
            onServerRunning: { _ in
                do {
                    try access.apply(to: socketPath)
                } catch {
                    readiness.fail("cannot set the socket's group and mode: \(error)")
                    return
                }
                onListening()
                logger.info("API listening", metadata: ["socket": "\(socketPath)"])
            },
            logger: logger)
    }

    /// The loopback (or, with a token, remote) TCP listener when `http` asks for one: the
    /// socket's routes behind the token and the Host policy; `onListening` runs once it is.
    private func tcpListener(_ config: DaemonConfig, context: APIContext,
                             onListening: @escaping @Sendable () -> Void) -> (any Service)? {
        guard case let .tcp(host, port) = config.http else { return nil }
        var tcpContext = context
        tcpContext.token = config.httpToken
        // Bound beyond loopback (with a token), other machines address it by its IP.
        tcpContext.hostPolicy = HostPolicy(names: config.httpHosts, acceptsIPLiterals: !LoopbackAddress.isLiteral(host))
        let logger = self.logger
        return Application(
            router: APIRouter.build(tcpContext),
            server: APIServer.http1(idleTimeout: config.idleTimeout),
            configuration: .init(address: .hostname(host, port: port), serverName: "invoiced"),
            onServerRunning: { channel in
                onListening()
                logger.info("API listening", metadata: ["http": "\(channel.localAddress?.description ?? "\(host):\(port)")"])
            },
            logger: logger)
    }
}
