import Chat
import Ingest
import JobEvents
import JobStore
import Prometheus

/// Everything the routes need, built once by the composition root.
public struct APIContext: Sendable {
    public var store: any InvoiceStore
    public var layout: DataLayout
    public var health: DaemonHealth
    public var events: JobEventBus
    /// Where uploads are recorded, exactly like inbox files.
    public var intake: IntakeService
    public var metrics: PrometheusCollectorRegistry
    /// Largest accepted upload body, in bytes.
    public var uploadLimit: Int
    /// Bytes all uploads in progress may hold together, shared by the socket and TCP routers
    /// (copies of this context share it): twice the largest upload.
    public let uploadBudget: UploadBudget
    /// Bearer token required on every route but `/healthz`; nil for none (loopback only).
    public var token: String?
    /// Places for open `/api/events` streams (`api.max_event_streams`), shared like the budget.
    public let eventStreams: EventStreamSlots
    /// Answers `POST /chat`; nil: chat is not part of this daemon (the route answers 503).
    public var chat: ChatService?
    /// The `Host` names the TCP listener answers to, and who may change things through it;
    /// nil on the Unix socket, where no browser can reach.
    public var hostPolicy: HostPolicy?
    /// The browser sessions `POST /login` opens in exchange for the token; one set for the
    /// daemon's life (copies of this context share it), gone at a restart.
    public let sessions = BrowserSessions()
    /// Wrong tokens sent to `POST /login`, per client, shared like the sessions.
    public var loginThrottle = LoginThrottle()

    public init(store: any InvoiceStore, layout: DataLayout, health: DaemonHealth, events: JobEventBus, intake: IntakeService,
                metrics: PrometheusCollectorRegistry, uploadLimit: Int, token: String? = nil, chat: ChatService? = nil,
                maxEventStreams: Int = 64) {
        self.store = store
        self.layout = layout
        self.health = health
        self.events = events
        self.intake = intake
        self.metrics = metrics
        self.uploadLimit = uploadLimit
        self.uploadBudget = UploadBudget(capacity: 2 * uploadLimit)
        self.token = token
        self.chat = chat
        self.eventStreams = EventStreamSlots(capacity: maxEventStreams)
    }
}
