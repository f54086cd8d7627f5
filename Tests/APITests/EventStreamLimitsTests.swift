import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobEvents
import TestSupport
import Testing

/// `/api/events` against clients that open many streams and leave without a word.
@Suite struct EventStreamLimitsTests {
    static let request = "GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"

    /// A stream opened on 127.0.0.1:`port`, once its first frame has arrived.
    func openStream(_ port: Int) async throws -> RawHTTPConnection {
        try await onOwnThread {
            let connection = try RawHTTPConnection(port: port)
            try connection.send(Self.request)
            let head = try connection.read(until: ": invoiced events")
            guard head.hasPrefix("HTTP/1.1 200") else { throw TestFailure("not a stream: \(head)") }
            return connection
        }
    }

    @Test func streamsBeyondMaxEventStreams_get503_andAClosedStreamIsReleasedWithoutWaitingForAnEvent() async throws {
        let f = try APIFixture()
        let context = APIContext(store: f.store, layout: f.layout, health: f.context.health, events: f.events, intake: f.intake,
                                 metrics: f.context.metrics, uploadLimit: f.context.uploadLimit, maxEventStreams: 2)
        let slots = context.eventStreams, events = f.events
        try await Application(router: APIRouter.build(context), server: APIServer.http1(idleTimeout: nil)).test(.live) { client in
            let port = try #require(client.port)
            let first = try await openStream(port)
            let second = try await openStream(port)
            #expect(slots.inUse == 2 && events.subscriberCount == 2)

            let refused = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message("GET", "/api/events", host: "localhost"))
            #expect(refused.status == 503)
            #expect(refused.head.lowercased().contains("retry-after:"))
            #expect(refused.body.contains("api.max_event_streams"), "\(refused.body)")

            // The client goes; no job event follows. Its subscription and place go at once.
            first.hangUp()
            #expect(await waitUntil(timeout: 10) { events.subscriberCount == 1 && slots.inUse == 1 },
                    "subscribers \(events.subscriberCount), slots \(slots.inUse)")
            let third = try await openStream(port)
            #expect(slots.inUse == 2)
            // Events still reach the streams that stayed.
            events.publish(.queued, jobId: "job-1", filename: "a.png")
            let frame = try await onOwnThread { try third.read(until: "job-1") }
            #expect(frame.contains("event: job.queued"))
            second.hangUp()
            third.hangUp()
            #expect(await waitUntil(timeout: 10) { events.subscriberCount == 0 && slots.inUse == 0 })
        }
    }
}
