import APIWire
import Chat
import FakeChatServer
import Foundation
import Testing

/// How each failure of the chat server ends: what is retried, for how long, and what the
/// caller gets. The key never shows in an error or a log line.
@Suite struct UpstreamErrorTests {
    let question = ChatRequest(message: "tổng tiền điện?")

    /// Runs one question against a server with `script`; returns the error and the requests.
    func failure(_ f: ChatFixture, settings: (FakeChatServer) -> ChatSettings = { _ in fatalError() },
                 _ script: @escaping FakeChatServer.Script) async throws -> (ChatError?, [ReceivedRequest]) {
        try await FakeChatServer.run(script) { server in
            do {
                _ = try await f.withChat(settings(server)) { try await $0.reply(to: question) }
                return (nil, server.received)
            } catch let error as ChatError {
                return (error, server.received)
            }
        }
    }

    @Test func noKey_forGroq_isNotConfigured_andNothingIsSent() async throws {
        let f = try ChatFixture()
        let error = await #expect(throws: ChatError.self) {
            try await f.withChat(f.settings(nil, key: nil)) { try await $0.reply(to: question) }
        }
        #expect(error?.description.hasPrefix("chat is not configured: ") == true)
    }

    @Test func noKey_forAnotherServer_callsItWithoutAuthorization() async throws {
        let f = try ChatFixture()
        let (error, requests) = try await failure(f, settings: { f.settings($0, key: nil) }) { _, _ in .completion(content: "ok") }
        #expect(error == nil)
        #expect(requests.count == 1 && requests[0].authorization == nil)
    }

    @Test func unauthorized_isAKeyProblem_notRetried_andTheKeyStaysSecret() async throws {
        let f = try ChatFixture()
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in
            .error(status: 401, message: "Invalid API Key \(ChatFixture.key)")
        }
        #expect(error == .keyRejected(status: 401))
        #expect(requests.count == 1)
        #expect(error?.description.contains("API key") == true)
        #expect(!(error?.description.contains(ChatFixture.key) ?? true))
        #expect(!f.logs.text.contains(ChatFixture.key))
        #expect(f.logs.text.contains("chat server request failed"))
    }

    @Test func rateLimited_waitsForRetryAfter_thenSucceeds() async throws {
        let f = try ChatFixture()
        let started = ContinuousClock.now
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, index in
            index == 0 ? .error(status: 429, message: "slow down", headers: [("retry-after", "1")]) : .completion(content: "ok")
        }
        #expect(error == nil)
        #expect(requests.count == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(950))
    }

    @Test func rateLimited_readsGroqsResetHeaders_whenThereIsNoRetryAfter() async throws {
        let f = try ChatFixture()
        let started = ContinuousClock.now
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, index in
            index == 0
                ? .error(status: 429, message: "tokens", headers: [("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "0.3s"),
                                                                   ("x-ratelimit-remaining-requests", "14"), ("x-ratelimit-reset-requests", "2m59.56s")])
                : .completion(content: "ok")
        }
        #expect(error == nil && requests.count == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(280))
    }

    @Test func rateLimited_beyondTheBudget_isReturnedAt_once_withTheWait() async throws {
        let f = try ChatFixture()
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in
            .error(status: 429, message: "daily limit", headers: [("retry-after", "120")])
        }
        #expect(error == .rateLimited(retryAfter: 120))
        #expect(requests.count == 1)
    }

    /// The server's numbers are bounded before they become whole seconds: `1e300` once made the
    /// conversion trap and took the whole daemon down.
    @Test(arguments: ["1e300", "inf", "99999999999999999999999"])
    func rateLimited_withAnAbsurdWait_isReturnedAsRateLimited_notACrash(_ absurd: String) async throws {
        let f = try ChatFixture()
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in
            .error(status: 429, message: "later", headers: [("retry-after", absurd), ("x-ratelimit-reset-requests", absurd)])
        }
        #expect(requests.count == 1)
        guard case let .rateLimited(retryAfter)? = error else {
            Issue.record("expected rateLimited, got \(String(describing: error))")
            return
        }
        #expect((1...86_400).contains(retryAfter))
    }

    @Test func serverErrors_areRetriedWithBackoff_thenReported() async throws {
        let f = try ChatFixture()
        let (recovered, first) = try await failure(f, settings: { f.settings($0) }) { _, index in
            index < 2 ? .error(status: 500, message: "oops") : .completion(content: "ok")
        }
        #expect(recovered == nil && first.count == 3)
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in .error(status: 503, message: "over capacity") }
        #expect(error == .upstreamFailed(status: 503, attempts: 3))
        #expect(requests.count == 3)
    }

    @Test func aHungServer_timesOut_afterEachAttempt() async throws {
        let f = try ChatFixture()
        let retry = ChatRetryPolicy(maxAttempts: 2, backoff: 0.05, maxTotalWait: 5)
        let (error, requests) = try await failure(f, settings: { f.settings($0, timeout: 0.4, retry: retry) }) { _, _ in .hang }
        #expect(error == .timedOut(seconds: 0.4, attempts: 2))
        #expect(requests.count == 2)
    }

    @Test func aStreamThatStalls_timesOut_afterTheTextItGave() async throws {
        let f = try ChatFixture()
        try await FakeChatServer.run({ _, _ in .stallAfterHead(firstPiece: "Tổng") }) { server in
            try await f.withChat(f.settings(server, timeout: 2)) { chat in
                var tokens: [String] = []
                do {
                    let stream = try await chat.stream(question)
                    await #expect(throws: ChatError.timedOut(seconds: 2, attempts: 1)) {
                        _ = try await stream.run { event in if case let .token(text) = event { tokens.append(text) } }
                    }
                } catch let error as ChatError {
                    // A machine starved by other tests may not even read the head in time:
                    // then the request itself timed out, which is the same outcome.
                    guard case .timedOut = error else { Issue.record("\(error)"); return }
                }
                // The piece sent before the stall is relayed, unless the deadline passed first.
                #expect(tokens == ["Tổng"] || tokens.isEmpty)
            }
        }
    }

    @Test func malformedAnswers_areBadResponses_notRetried() async throws {
        let f = try ChatFixture()
        for body in ["{\"choices\": [", "<html>502 Bad Gateway</html>", "{\"object\": \"list\"}", ""] {
            let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in
                .raw(status: 200, contentType: "application/json", body: body)
            }
            guard case .badResponse = error else { Issue.record("\(body): \(String(describing: error))"); continue }
            #expect(requests.count == 1)
        }
        let (streamed, _) = try await FakeChatServer.run({ _, _ in .raw(status: 200, contentType: "text/event-stream", body: "data: {not json\n\n") }) { server in
            try await f.withChat(f.settings(server)) { chat in
                do { _ = try await chat.stream(question).run { _ in }; return (nil as ChatError?, 0) } catch let error as ChatError { return (error, 0) }
            }
        }
        #expect(streamed == .badResponse("a streamed event is not a completion chunk"))
    }

    @Test func otherRefusals_sayWhatTheServerSaid_withoutTheKey() async throws {
        let f = try ChatFixture()
        let (error, requests) = try await failure(f, settings: { f.settings($0) }) { _, _ in
            .error(status: 404, message: "The model `openai/gpt-oss-20b` does not exist; key \(ChatFixture.key) was used")
        }
        #expect(error == .upstreamRejected(status: 404, detail: "The model `openai/gpt-oss-20b` does not exist; key [key] was used"))
        #expect(requests.count == 1)
    }

    @Test func noServerListening_isUnreachable_afterRetries() async throws {
        let f = try ChatFixture()
        // Nothing listens on port 1: AsyncHTTPClient retries the connection until the connect
        // timeout (well before the request's), then each attempt fails.
        var settings = f.settings(nil, timeout: 30)
        settings.connectTimeout = 0.3
        settings.baseURL = "http://127.0.0.1:1/v1"
        let error = await #expect(throws: ChatError.self) {
            try await f.withChat(settings) { try await $0.reply(to: question) }
        }
        guard case .unreachable = error else { Issue.record("\(String(describing: error))"); return }
        #expect(f.logs.text.components(separatedBy: "retrying").count - 1 == 2)
    }

    @Test func aServiceNeverAsked_needsNoShutdown_andAClosedOneRefuses() async throws {
        let f = try ChatFixture()
        // A daemon that stops before its first question drops the service as it is.
        _ = ChatService(settings: f.settings(nil), store: f.store, logger: f.logs.logger)
        try await FakeChatServer.run({ _, _ in .completion(content: "ok") }) { server in
            let chat = ChatService(settings: f.settings(server), store: f.store, logger: f.logs.logger)
            #expect(try await chat.reply(to: question).reply == "ok")
            try await chat.shutdown()
            await #expect(throws: ChatError.unreachable("the daemon is shutting down")) { try await chat.reply(to: question) }
        }
    }
}
