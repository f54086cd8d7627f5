import Hummingbird
import JobStore

/// Builds the one router that the Unix socket and the TCP listener both serve.
public enum APIRouter {
    /// The router over `store`, reporting `health`.
    public static func build(store: JobStore, health: DaemonHealth) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        StatusController(store: store, health: health).addRoutes(to: router)
        return router
    }
}
