import API
import Chat
import FakeChatServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Logging
import Testing

extension APIFixture {
    static let chatKey = "gsk_route_test_SECRET_4242"

    /// Settings for `server` with the test key and quick retries.
    func chatSettings(_ server: FakeChatServer?, key: String? = APIFixture.chatKey, timeout: Double = 60) -> ChatSettings {
        ChatSettings(baseURL: server?.baseURL ?? ChatSettings.groqBaseURL,
                     credential: key.flatMap(APIKey.init).map { .key($0, source: "test") } ?? .missing("no API key (test)"),
                     timeout: timeout, retry: ChatRetryPolicy(maxAttempts: 2, backoff: 0.05, maxTotalWait: 5))
    }

    /// The router with a chat service for `settings`, for the time of `body`.
    func withChatRouter(_ settings: ChatSettings, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let chat = ChatService(settings: settings, store: store, logger: .init(label: "test"))
        var context = self.context
        context.chat = chat
        do {
            try await Application(router: APIRouter.build(context)).test(.router, body)
            try await chat.shutdown()
        } catch {
            try await chat.shutdown()
            throw error
        }
    }
}

/// `POST /chat` and `DELETE /chat/history` through the real router, against a fake chat server.
@Suite struct ChatRouteTests {
    func post(_ client: any TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/chat", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    /// Server-Sent Events of a body: (event, data object) pairs.
    func events(_ response: TestResponse) -> [(String, [String: Any])] {
        String(buffer: response.body).components(separatedBy: "\n\n").compactMap { frame in
            let lines = frame.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                  let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                  let object = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] else { return nil }
            return (String(name), object)
        }
    }

    @Test func aQuestion_isAnsweredAsJSON_fromTheDatabase() async throws {
        let f = try APIFixture()
        let id = try f.invoice("power.png") { $0.invoiceType = "electricity"; $0.totalAmount = 1_080_000; $0.currency = "VND"; $0.invoiceDate = "2026-10-05" }
        try await FakeChatServer.run({ request, index in
            if index == 0 { return .completion(content: nil, toolCalls: [FakeToolCall(name: "aggregate_invoices", arguments: #"{"invoice_type":"electricity"}"#)]) }
            let group = (request.lastToolResult?["groups"] as? [[String: Any]])?.first ?? [:]
            return .completion(content: "Tổng: \(group["sum_total"] ?? "?") đ (#\(id))")
        }) { server in
            try await f.withChatRouter(f.chatSettings(server)) { client in
                let response = try await post(client, #"{"message": "tổng tiền điện?", "user_id": "lan"}"#)
                #expect(response.status == .ok)
                let object = try json(response)
                #expect(object["reply"] as? String == "Tổng: 1080000 đ (#\(id))")
                #expect(object["model"] as? String == "fake-model")
                #expect((object["invoice_ids"] as? [NSNumber])?.map(\.int64Value) == [id])
                #expect((object["usage"] as? [String: Any])?["total_tokens"] as? Int == 30)

                let cleared = try await client.execute(uri: "/chat/history?user_id=lan", method: .delete)
                #expect(cleared.status == .ok)
                #expect(try json(cleared)["deleted"] as? Int == 2)
                let missing = try await client.execute(uri: "/chat/history", method: .delete)
                #expect(missing.status == .badRequest)
            }
        }
    }

    @Test func withoutAKey_chatIs503_andTheRestWorks() async throws {
        let f = try APIFixture()
        try await f.withChatRouter(f.chatSettings(nil, key: nil)) { client in
            let response = try await post(client, #"{"message": "xin chào"}"#)
            #expect(response.status == .serviceUnavailable)
            #expect((try json(response)["error"] as? String)?.hasPrefix("chat is not configured: no API key") == true)
            #expect(try await client.execute(uri: "/api/stats", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/chat/history?user_id=x", method: .delete).status == .ok)
        }
        // A router built without a chat service says so too.
        try await f.app.test(.router) { client in
            let status = try await post(client, #"{"message": "?"}"#).status
            #expect(status == .serviceUnavailable)
        }
    }

    @Test func upstreamFailures_becomeStatusesUsersCanActOn() async throws {
        let f = try APIFixture()
        // A short timeout only where the timeout is the point: a loaded machine must not turn
        // the other answers into timeouts.
        let cases: [(FakeReply, HTTPResponse.Status, String, Double)] = [
            (.error(status: 401, message: "Invalid API Key \(APIFixture.chatKey)"), .badGateway, "rejected the API key (HTTP 401)", 60),
            (.error(status: 429, message: "limit", headers: [("retry-after", "120")]), .tooManyRequests, "try again in 120 s", 60),
            (.error(status: 500, message: "boom"), .badGateway, "failed (HTTP 500) 2 times", 60),
            (.raw(status: 200, contentType: "application/json", body: "{oops"), .badGateway, "could not be read", 60),
            (.hang, .gatewayTimeout, "did not answer within 0.5 s (2 attempts)", 0.5),
        ]
        for (reply, status, words, timeout) in cases {
            try await FakeChatServer.run({ _, _ in reply }) { server in
                try await f.withChatRouter(f.chatSettings(server, timeout: timeout)) { client in
                    let response = try await post(client, #"{"message": "?"}"#)
                    #expect(response.status == status, "\(words)")
                    let text = String(buffer: response.body)
                    #expect(text.contains(words), "\(text)")
                    #expect(!text.contains(APIFixture.chatKey))
                    if status == .tooManyRequests { #expect(response.headers[.retryAfter] == "120") }
                }
            }
        }
    }

    @Test func badRequests_are4xx_beforeAnythingIsAsked() async throws {
        let f = try APIFixture()
        try await FakeChatServer.run({ _, _ in .completion(content: "?") }) { server in
            try await f.withChatRouter(f.chatSettings(server)) { client in
                for (body, status) in [("not json", HTTPResponse.Status.badRequest), ("{}", .badRequest), (#"{"message": "  "}"#, .badRequest),
                                       (#"{"message": 5}"#, .badRequest), (#"{"message": "?", "invoice_id": "abc"}"#, .badRequest),
                                       (#"{"message": "?", "invoice_id": true}"#, .badRequest), (#"{"message": "?", "stream": "yes"}"#, .badRequest),
                                       (#"{"message": "?", "user_id": 7}"#, .badRequest), (#"{"message": "?", "invoice_id": 999}"#, .notFound),
                                       // A C1 control (NEL) in user_id, refused like uploads refuse it (found by make fuzz).
                                       (#"{"message": "?", "user_id": "lan\u0085"}"#, .badRequest),
                                       ("{\"message\": \"\(String(repeating: "a", count: 4001))\"}", .badRequest)] {
                    let response = try await post(client, body)
                    #expect(response.status == status, "\(body.prefix(40))")
                    #expect(try json(response)["error"] is String)
                }
                #expect(server.received.isEmpty)
                for user in ["%00", "lan%C2%85", String(repeating: "a", count: 129)] {
                    let cleared = try await client.execute(uri: "/chat/history?user_id=\(user)", method: .delete)
                    #expect(cleared.status == .badRequest, "\(user)")
                }
            }
        }
    }

    @Test func streaming_sendsTokensLookupsAndDone() async throws {
        let f = try APIFixture()
        let id = try f.invoice("water.png") { $0.invoiceType = "water"; $0.totalAmount = 250_000; $0.currency = "VND" }
        try await FakeChatServer.run({ request, index in
            if index == 0 { return .completion(content: nil, toolCalls: [FakeToolCall(name: "get_invoice", arguments: "{\"id\": \(id)}")], streamed: true) }
            return .completion(content: "Hóa đơn #\(id): \(request.lastToolResult?["total_amount"] ?? "?") đồng", streamed: true)
        }) { server in
            try await f.withChatRouter(f.chatSettings(server)) { client in
                let response = try await post(client, #"{"message": "hóa đơn nước?", "stream": true}"#)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                let events = events(response)
                #expect(events.first { $0.0 == "lookup" }?.1["tool"] as? String == "get_invoice")
                let text = events.filter { $0.0 == "token" }.compactMap { $0.1["text"] as? String }.joined()
                let done = try #require(events.last)
                #expect(done.0 == "done")
                #expect(done.1["reply"] as? String == text)
                #expect(text == "Hóa đơn #\(id): 250000 đồng")
                #expect((done.1["invoice_ids"] as? [NSNumber])?.map(\.int64Value) == [id])
                #expect(done.1["usage"] is [String: Any] && done.1["model"] as? String == "fake-model")
            }
        }
    }

    @Test func streaming_failsAsAStatus_beforeTheStream_andAsAnEvent_after() async throws {
        let f = try APIFixture()
        try await FakeChatServer.run({ _, _ in .error(status: 429, message: "limit", headers: [("retry-after", "60")]) }) { server in
            try await f.withChatRouter(f.chatSettings(server)) { client in
                let response = try await post(client, #"{"message": "?", "stream": true}"#)
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "60")
            }
        }
        try await FakeChatServer.run({ _, _ in .stallAfterHead(firstPiece: "Tổng") }) { server in
            // The head comes at once; the timeout leaves a starved machine seconds to read it,
            // so that the case checked here, a stream that stalls, is reached (with 2 s, a
            // timeout before the head ended the test early, as passed).
            try await f.withChatRouter(f.chatSettings(server, timeout: 5)) { client in
                let response = try await post(client, #"{"message": "?", "stream": true}"#)
                try #require(response.status == .ok, "the timeout came before the stream's head")
                let events = events(response)
                // The piece before the stall, unless a starved machine let the deadline pass first.
                #expect(events.dropLast().allSatisfy { $0.0 == "token" && $0.1["text"] as? String == "Tổng" })
                #expect(events.last?.0 == "error")
                #expect(events.last?.1["status"] as? Int == 504)
            }
        }
    }
}
