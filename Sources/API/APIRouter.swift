import Hummingbird
import JobStore

/// Builds the one router that the Unix socket and the TCP listener both serve.
public enum APIRouter {
    /// The router over `context`.
    public static func build(_ context: APIContext) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        if let policy = context.hostPolicy { router.add(middleware: BrowserGuardMiddleware(policy: policy)) }
        if let token = context.token { router.add(middleware: BearerTokenMiddleware(token: token, sessions: context.sessions)) }
        StatusController(store: context.store, health: context.health).addRoutes(to: router)
        JobsController(context: context).addRoutes(to: router)
        UploadController(context: context).addRoutes(to: router)
        InvoicesController(context: context).addRoutes(to: router)
        CorrectionsController(api: context).addRoutes(to: router)
        PageImageController(context: context).addRoutes(to: router)
        SearchController(store: context.store).addRoutes(to: router)
        EventsController(events: context.events, slots: context.eventStreams).addRoutes(to: router)
        ChatController(chat: context.chat).addRoutes(to: router)
        MetricsController(store: context.store, registry: context.metrics, intake: context.intake).addRoutes(to: router)
        OpenAPIController().addRoutes(to: router)
        WebController().addRoutes(to: router)
        LoginController(token: context.token, sessions: context.sessions, throttle: context.loginThrottle).addRoutes(to: router)
        return router
    }
}
