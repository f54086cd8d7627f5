import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import JobEvents

/// `/api/events`: Server-Sent Events of job state changes and progress. A client that
/// reconnects with `Last-Event-ID` first gets what it missed, from a bounded backlog.
/// At most `api.max_event_streams` streams are open at once (503 beyond), and a stream ends
/// as soon as its client goes, not at the next event it would have failed to send.
struct EventsController<Context: ConnectionContext> {
    let events: JobEventBus
    let slots: EventStreamSlots

    func addRoutes(to router: Router<Context>) {
        router.get("/api/events") { request, context in
            guard let slot = slots.take() else {
                throw APIError(.serviceUnavailable,
                               "\(slots.capacity) event streams are open, the most this daemon serves (api.max_event_streams); close one or try again later",
                               headers: [.retryAfter: "10"])
            }
            let lastId = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { UInt64($0) }
                ?? request.uri.queryParameters.get("last_event_id").flatMap { UInt64($0) }
            let stream = events.subscribe(after: lastId)
            let events = self.events
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    // This closure holds the slot: it is given back when the response is released.
                    withExtendedLifetime(slot) {}
                    // A comment first, so clients (and proxies) see the stream is open.
                    try await writer.write(ByteBuffer(string: ": invoiced events\n\n"))
                    // Frames come from a child task that reads the bus, until the bus ends
                    // (shutdown) or the connection closes, whichever is first; the writer
                    // stays in this task.
                    let (frames, framesIn) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(events.backlogSize))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await event in stream { framesIn.yield(Self.frame(event)) }
                            framesIn.finish()
                        }
                        group.addTask {
                            await context.connectionClosed()
                            framesIn.finish()
                        }
                        for await frame in frames { try await writer.write(frame) }
                        // Whichever ended first, the other (a subscription, a close watch) goes now.
                        group.cancelAll()
                    }
                    try await writer.finish(nil)
                })
        }
    }

    static func frame(_ event: JobEvent) -> ByteBuffer {
        let data = (try? WireJSON.encode(event.data)) ?? Data("{}".utf8)
        return ByteBuffer(string: "id: \(event.id)\nevent: \(event.kind.rawValue)\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
    }
}
