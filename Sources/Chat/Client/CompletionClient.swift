import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Seconds one chat has spent waiting between upstream attempts, shared by all its requests
/// so that retries of a chat, not of each request, stay within `ChatRetryPolicy.maxTotalWait`.
struct RetryBudget: Sendable {
    var waited: Double = 0
}

/// `POST {base_url}/chat/completions`, with the key, the timeouts and the retries.
struct CompletionClient: Sendable {
    let http: LazyHTTPClient
    let settings: ChatSettings
    let logger: Logger

    /// A 2xx answer whose body is still to be read, and the time it must be read by.
    struct Opened: Sendable {
        var response: HTTPClientResponse
        var deadline: NIODeadline
    }

    /// A non-streamed completion.
    func complete(_ body: CompletionRequest, budget: inout RetryBudget) async throws -> CompletionResponse {
        try await send(body, budget: &budget) { response, deadline in
            let bytes = try await Deadline.run(until: deadline) { try await response.body.collect(upTo: 8 << 20) }
            do {
                return try JSONDecoder().decode(CompletionResponse.self, from: Data(bytes.readableBytesView))
            } catch {
                throw ChatError.badResponse(Self.shape(bytes))
            }
        }
    }

    /// A streamed completion, once the server has accepted it: the caller reads the events.
    func open(_ body: CompletionRequest, budget: inout RetryBudget) async throws -> Opened {
        try await send(body, budget: &budget) { response, deadline in Opened(response: response, deadline: deadline) }
    }

    private func send<T: Sendable>(_ body: CompletionRequest, budget: inout RetryBudget,
                                   accept: @escaping @Sendable (HTTPClientResponse, NIODeadline) async throws -> T) async throws -> T {
        let payload = try JSONEncoder().encode(body)
        var attempt = 0
        while true {
            attempt += 1
            let outcome: ChatRetryPolicy.Outcome
            let deadline = NIODeadline.now() + .nanoseconds(Int64(settings.timeout * 1_000_000_000))
            do {
                let response = try await http.get().execute(request(payload, stream: body.stream), deadline: deadline)
                if (200..<300).contains(response.status.code) {
                    return try await accept(response, deadline)
                }
                let wait = RateLimitHeaders.wait { response.headers.first(name: $0) }
                outcome = .status(Int(response.status.code), retryAfter: wait, detail: await errorDetail(response, deadline: deadline))
            } catch let error as ChatError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = Self.classify(error, timeout: settings.timeout, baseURL: settings.baseURL)
            }
            switch settings.retry.decide(outcome, attempt: attempt, waited: budget.waited) {
            case let .retry(wait):
                logger.warning("chat server attempt failed; retrying", metadata: [
                    "attempt": "\(attempt)", "outcome": "\(Self.summary(outcome))", "wait_s": "\(wait)",
                ])
                budget.waited += wait
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
            case let .fail(error):
                logger.error("chat server request failed", metadata: ["attempts": "\(attempt)", "error": "\(error)"])
                throw error
            }
        }
    }

    private func request(_ payload: Data, stream: Bool) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: settings.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: stream ? "text/event-stream" : "application/json")
        request.headers.add(name: "User-Agent", value: "invoiced")
        if let key = settings.credential.key { request.headers.add(name: "Authorization", value: key.bearerHeader) }
        request.body = .bytes(ByteBuffer(bytes: payload))
        return request
    }

    /// The server's error message, scrubbed of the key and shortened; "" when there is none.
    private func errorDetail(_ response: HTTPClientResponse, deadline: NIODeadline) async -> String {
        guard let bytes = try? await Deadline.run(until: deadline, { try await response.body.collect(upTo: 64 << 10) }) else { return "" }
        let text = (try? JSONDecoder().decode(ErrorBody.self, from: Data(bytes.readableBytesView)))?.message ?? String(buffer: bytes)
        return scrub(text)
    }

    /// `text` without the key, on one line, at most 300 characters.
    func scrub(_ text: String) -> String {
        var text = settings.credential.key?.scrubbed(text) ?? text
        text = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// A transport error as an outcome: timeouts (connect, read or total) or no connection.
    static func classify(_ error: any Error, timeout: Double, baseURL: String) -> ChatRetryPolicy.Outcome {
        if error is Deadline.Exceeded { return .timeout(seconds: timeout) }
        if let error = error as? HTTPClientError,
           [.deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout].contains(error) {
            return .timeout(seconds: timeout)
        }
        return .unreachable("\(baseURL): \(error)")
    }

    private static func summary(_ outcome: ChatRetryPolicy.Outcome) -> String {
        switch outcome {
        case let .status(status, _, _): return "HTTP \(status)"
        case .timeout: return "timeout"
        case .unreachable: return "no connection"
        }
    }

    /// What a body that is not a completion looks like, without quoting it (it could hold
    /// anything, the key included).
    static func shape(_ bytes: ByteBuffer) -> String {
        if bytes.readableBytes == 0 { return "an empty body instead of a completion" }
        if (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) == nil {
            return "\(bytes.readableBytes) bytes that are not JSON instead of a completion"
        }
        return "JSON that is not an OpenAI-compatible completion (no choices[0].message)"
    }
}
