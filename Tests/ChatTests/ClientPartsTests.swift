import APIWire
@testable import Chat
import Foundation
import TestSupport
import Testing

/// The chat client's decisions and parsers, without a network.
@Suite struct ClientPartsTests {
    let policy = ChatRetryPolicy(maxAttempts: 3, backoff: 0.5, maxTotalWait: 20)

    @Test func retryPolicy_decidesByStatusAttemptAndBudget() {
        #expect(policy.decide(.status(401, retryAfter: nil, detail: ""), attempt: 1, waited: 0) == .fail(.keyRejected(status: 401)))
        #expect(policy.decide(.status(403, retryAfter: nil, detail: ""), attempt: 1, waited: 0) == .fail(.keyRejected(status: 403)))
        #expect(policy.decide(.status(429, retryAfter: 2, detail: ""), attempt: 1, waited: 0) == .retry(after: 2))
        #expect(policy.decide(.status(429, retryAfter: 2, detail: ""), attempt: 1, waited: 19) == .fail(.rateLimited(retryAfter: 2)))
        #expect(policy.decide(.status(429, retryAfter: 0.2, detail: ""), attempt: 3, waited: 0) == .fail(.rateLimited(retryAfter: 1)))
        #expect(policy.decide(.status(429, retryAfter: nil, detail: ""), attempt: 2, waited: 0) == .retry(after: 1))
        #expect(policy.decide(.status(500, retryAfter: nil, detail: ""), attempt: 1, waited: 0) == .retry(after: 0.5))
        #expect(policy.decide(.status(502, retryAfter: nil, detail: ""), attempt: 2, waited: 0.5) == .retry(after: 1))
        #expect(policy.decide(.status(503, retryAfter: nil, detail: ""), attempt: 3, waited: 1.5) == .fail(.upstreamFailed(status: 503, attempts: 3)))
        #expect(policy.decide(.status(400, retryAfter: nil, detail: "bad"), attempt: 1, waited: 0) == .fail(.upstreamRejected(status: 400, detail: "bad")))
        #expect(policy.decide(.timeout(seconds: 60), attempt: 1, waited: 0) == .retry(after: 0.5))
        #expect(policy.decide(.timeout(seconds: 60), attempt: 3, waited: 0) == .fail(.timedOut(seconds: 60, attempts: 3)))
        #expect(policy.decide(.unreachable("x"), attempt: 3, waited: 0) == .fail(.unreachable("x")))
    }

    @Test func rateLimitHeaders_retryAfterFirst_thenTheExhaustedReset() {
        func wait(_ headers: [String: String]) -> Double? { RateLimitHeaders.wait { headers[$0] } }
        #expect(wait(["retry-after": "7"]) == 7)
        #expect(wait(["retry-after": "7", "x-ratelimit-reset-tokens": "1s"]) == 7)
        // An HTTP date: 30 s after "now".
        #expect(RateLimitHeaders.wait({ $0 == "retry-after" ? "Fri, 15 Jan 2027 08:00:30 GMT" : nil },
                                      now: Date(timeIntervalSince1970: 1_800_000_000)) == 30)
        #expect(wait(["x-ratelimit-reset-requests": "2m59.56s", "x-ratelimit-remaining-requests": "0",
                      "x-ratelimit-reset-tokens": "7.66s", "x-ratelimit-remaining-tokens": "500"]) == 179.56)
        #expect(wait(["x-ratelimit-reset-requests": "2m59.56s", "x-ratelimit-reset-tokens": "7.66s"]) == 179.56)
        #expect(wait(["x-ratelimit-reset-tokens": "250ms"]) == 0.25)
        #expect(wait([:]) == nil)
        #expect(RateLimitHeaders.duration("1h2m3s") == 3723)
        #expect(RateLimitHeaders.duration("soon") == nil)
        // Whatever the server sends, the wait is a day at most.
        #expect(wait(["retry-after": "1e300"]) == RateLimitHeaders.longestWait)
        #expect(wait(["x-ratelimit-reset-tokens": "99999999999999999999999999999999h"]) == RateLimitHeaders.longestWait)
        #expect(wait(["retry-after": "nan"]) == nil)
    }

    @Test func serverSentEvents_joinLinesAndKeepSplitCharactersWhole() {
        var parser = ServerSentEventParser()
        let text = Array(": keep-alive\r\ndata: {\"a\":\"Tiền điện\"}\r\n\r\ndata: x\ndata: y\n\ndata: [DONE]".utf8)
        var events: [String] = []
        // One byte at a time: "ề" and "đ" are split between chunks.
        for byte in text { events += parser.feed([byte]) }
        events += parser.finish()
        #expect(events == ["{\"a\":\"Tiền điện\"}", "x\ny", "[DONE]"])
    }

    @Test func streamedToolCalls_areReassembledFromFragments() throws {
        var round = StreamAccumulator(prefix: "\n\n", scrub: { $0 })
        #expect(try round.absorb(#"{"choices":[{"delta":{"role":"assistant","content":"Để "}}]}"#) == "\n\nĐể ")
        #expect(try round.absorb(#"{"choices":[{"delta":{"content":"xem"}}]}"#) == "xem")
        _ = try round.absorb(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"get_invoice","arguments":"{\"id\""}}]}}]}"#)
        _ = try round.absorb(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":": 3}"}}]}}]}"#)
        _ = try round.absorb(#"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"#)
        _ = try round.absorb("[DONE]")
        #expect(round.done)
        let result = try round.result()
        #expect(result.content == "Để xem")
        #expect(result.toolCalls == [WireToolCall(id: "c1", function: .init(name: "get_invoice", arguments: "{\"id\": 3}"))])
        #expect(result.usage?.totalTokens == 7)
        var failing = StreamAccumulator(prefix: "", scrub: { $0.replacingOccurrences(of: "k3y", with: "[key]") })
        #expect(throws: ChatError.badResponse("the chat server failed during the answer: bad [key]")) {
            _ = try failing.absorb(#"{"error":{"message":"bad k3y"}}"#)
        }
    }

    @Test func toolResults_writeMoneyExactly_andEscapeText() {
        #expect(JSONValue.money(cents: 29_917).serialized() == "299.17")
        #expect(JSONValue.money(cents: 293_176_800).serialized() == "2931768")
        #expect(JSONValue.money(286.67 + 12.5).serialized() == "299.17")
        #expect(JSONValue.money(1_851_768).serialized() == "1851768")
        #expect(JSONValue.money(nil).serialized() == "null")
        let text: JSONValue = ["b": "dòng 1\n\"trích\" </tool>\u{01}", "a": [1, .double(0.5), .null, true]]
        #expect(text.serialized() == #"{"a":[1,0.5,null,true],"b":"dòng 1\n\"trích\" </tool>\u0001"}"#)
        #expect(JSONValue.parse(text.serialized()) == text)
        #expect(InvoiceFacts.rounded(29_917, dividedBy: 2) == 14_959)
        #expect(InvoiceFacts.rounded(10, dividedBy: 4) == 3)
    }

    @Test func citations_areHashNumbers_inOrder() {
        #expect(Citations.invoiceIds(in: "Hóa đơn #12 và #3, lại #12; không phải # 4 hay #x") == [12, 3])
    }

    @Test func theKey_neverPrints() {
        let key = APIKey("  gsk_secret \n")!
        #expect("\(key)" == "[redacted API key]")
        #expect(String(reflecting: key) == "[redacted API key]")
        #expect(key.bearerHeader == "Bearer gsk_secret")
        #expect(APIKey("two words") == nil && APIKey("\n") == nil)
        let credential = ChatCredential.key(key, source: "GROQ_API_KEY")
        #expect(!"\(credential)".contains("gsk_secret"))
    }

    @Test func theKey_isFoundInTheFile_theCredential_thenTheEnvironment() throws {
        let dir = try TemporaryDirectory()
        let file = dir.appending("groq.key"), credentials = dir.appending("creds")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        try "from-credential".write(toFile: "\(credentials)/groq-api-key", atomically: true, encoding: .utf8)
        let env = ["CREDENTIALS_DIRECTORY": credentials, "GROQ_API_KEY": "from-env"]
        #expect(ChatCredential.resolve(keyFile: file, environment: env) == .key(APIKey("from-file")!, source: file))
        #expect(ChatCredential.resolve(keyFile: nil, environment: env) == .key(APIKey("from-credential")!, source: "credential groq-api-key"))
        // A credential that is a symlink (systemd never makes one) is refused, not followed.
        let linked = dir.appending("linked")
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(linked)/groq-api-key", withDestinationPath: file)
        let refused = ChatCredential.resolve(keyFile: nil, environment: ["CREDENTIALS_DIRECTORY": linked, "GROQ_API_KEY": "from-env"])
        #expect(refused.key == nil)
        #expect(refused.summary.contains("cannot read the systemd credential groq-api-key"))
        #expect(ChatCredential.resolve(keyFile: nil, environment: ["GROQ_API_KEY": "from-env"]) == .key(APIKey("from-env")!, source: "GROQ_API_KEY"))
        guard case let .missing(none) = ChatCredential.resolve(keyFile: nil, environment: ["GROQ_API_KEY": " "]) else { Issue.record("a key from blanks"); return }
        #expect(none.contains("GROQ_API_KEY") && none.contains("chat.api_key_file"))
        guard case let .missing(unreadable) = ChatCredential.resolve(keyFile: dir.appending("nope"), environment: env) else { Issue.record("no error"); return }
        #expect(unreadable.contains("no such file"))
        #expect(ChatSettings(credential: .missing("x")).configurationProblem == "x")
        #expect(ChatSettings(baseURL: "http://127.0.0.1:8080/v1/", credential: .missing("x")).configurationProblem == nil)
        #expect(ChatSettings(baseURL: "http://127.0.0.1:8080/v1/", credential: .missing("x")).baseURL == "http://127.0.0.1:8080/v1")
    }
}
