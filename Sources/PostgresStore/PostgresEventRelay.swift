import LinuxSupport
import Logging
import PostgresNIO

/// Tells the other nodes of a shared store what happened to this node's jobs, so that the
/// live event streams of every node show every job (`NOTIFY invoiced_events`, which
/// `PostgresJobWakeups` hears). Sending never blocks the caller (a worker, intake): payloads
/// queue for a thread of the relay's own. An event that cannot be sent (the database is
/// away) is dropped: live streams are a view, the jobs' rows are the record.
public final class PostgresEventRelay: Sendable {
    public static let channel = "invoiced_events"
    /// NOTIFY takes payloads under 8000 bytes.
    public static let maxPayloadBytes = 7900

    private let session: PostgresSession
    private let queue = BlockingQueue<String>()
    private let thread: DedicatedThread

    public init(session: PostgresSession) {
        self.session = session
        let queue = self.queue
        thread = DedicatedThread(name: "invoiced-events") {
            while let payload = queue.pop() {
                do {
                    try session.run("SELECT pg_notify($1, $2)", binds(Self.channel, payload))
                } catch {
                    session.logger.debug("a job event was not relayed to the other nodes", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Queues `payload` for the other nodes; one over `maxPayloadBytes` is not sent.
    public func send(_ payload: String) {
        guard payload.utf8.count <= Self.maxPayloadBytes else { return }
        queue.push(payload)
    }

    /// Sends what is queued, then stops.
    public func stop() async {
        queue.close()
        await thread.join()
    }
}
