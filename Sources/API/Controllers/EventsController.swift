import Foundation
import HTTPTypes
import Hummingbird
import JobEvents

/// `/api/events`: Server-Sent Events of job state changes and progress. A client that
/// reconnects with `Last-Event-ID` first gets what it missed, from a bounded backlog.
struct EventsController<Context: RequestContext> {
    let events: JobEventBus

    func addRoutes(to router: Router<Context>) {
        router.get("/api/events") { request, _ in
            let lastId = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { UInt64($0) }
                ?? request.uri.queryParameters.get("last_event_id").flatMap { UInt64($0) }
            let stream = events.subscribe(after: lastId)
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    // A comment first, so clients (and proxies) see the stream is open.
                    try await writer.write(ByteBuffer(string: ": invoiced events\n\n"))
                    for await event in stream {
                        let data = (try? JSONSerialization.data(withJSONObject: event.jsonObject, options: [.sortedKeys])) ?? Data()
                        let frame = "id: \(event.id)\nevent: \(event.kind.rawValue)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
                        try await writer.write(ByteBuffer(string: frame))
                    }
                    try await writer.finish(nil)
                })
        }
    }
}
