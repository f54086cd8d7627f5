import APIWire
import Foundation

/// A job event as one node tells the others of a shared store (NOTIFY's payload): the
/// node's name, a newline, and the event's data as clients receive it. The receiving node
/// gives it an id of its own bus.
extension JobEvent {
    /// Longest message relayed: NOTIFY's payloads are small, and a reason is readable in full
    /// on the job itself.
    static let relayedMessageLimit = 2000

    /// This event as relayed by `node`.
    public func relayPayload(node: String) -> String {
        var data = self.data
        if let message, message.count > Self.relayedMessageLimit { data.message = String(message.prefix(Self.relayedMessageLimit)) + "…" }
        let json = (try? JSONEncoder().encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "\(node)\n\(json)"
    }

    /// The event in `payload` when another node than `node` relayed it; nil for this node's
    /// own and for a payload that is not an event (anyone may NOTIFY the channel).
    public static func relayed(_ payload: String, notFrom node: String) -> (kind: Kind, data: JobEventData)? {
        guard let newline = payload.firstIndex(of: "\n"), payload[..<newline] != node,
              let data = try? JSONDecoder().decode(JobEventData.self, from: Data(payload[payload.index(after: newline)...].utf8)),
              let kind = Kind(rawValue: data.type) else { return nil }
        return (kind, data)
    }
}

extension JobEventBus {
    /// Delivers what another node relayed; ignores this node's own and anything else.
    public func receive(relayed payload: String, notFrom node: String) {
        guard let (kind, data) = JobEvent.relayed(payload, notFrom: node) else { return }
        receive(kind, jobId: data.jobId, filename: data.filename, progress: data.progress, invoiceId: data.invoiceId,
                message: data.message)
    }
}
