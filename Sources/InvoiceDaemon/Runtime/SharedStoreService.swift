import JobEvents
import LinuxSupport
import Logging
import PostgresStore
import ServiceLifecycle

/// A node's ears and voice on a shared store, for as long as the daemon runs: idle workers
/// wake when any node makes a job runnable, the live event streams hear the other nodes'
/// jobs, and this node's events are relayed to them.
struct SharedStoreService: Service {
    let listener: PostgresJobWakeups
    let relay: PostgresEventRelay

    init(session: PostgresSession, relay: PostgresEventRelay, events: JobEventBus, node: String, wake: @escaping @Sendable () -> Void) {
        self.relay = relay
        listener = PostgresJobWakeups(session: session, onRunnable: wake) { payload in
            events.receive(relayed: payload, notFrom: node)
        }
    }

    func run() async throws {
        let listener = self.listener
        // Connecting blocks; a first failure is retried by the listener itself.
        try await DedicatedThread.run(name: "invoiced-listen") { listener.start() }
        try? await gracefulShutdown()
        try await DedicatedThread.run(name: "invoiced-listen") { listener.stop() }
        await relay.stop()
    }
}
