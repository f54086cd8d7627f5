import JobEvents
import ServiceLifecycle

/// Ends the live event streams at shutdown, so `/api/events` responses finish and the HTTP
/// servers can stop instead of waiting for clients that never hang up.
struct EventsShutdown: Service {
    let events: JobEventBus

    func run() async throws {
        try? await gracefulShutdown()
        events.finishAll()
    }
}
