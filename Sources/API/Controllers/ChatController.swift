import APIWire
import Chat
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `POST /chat`: a question about the invoices, answered by the configured chat server from
/// the database; `DELETE /chat/history?user_id=`: forget a user's conversation.
///
/// With `"stream": true` the answer comes as Server-Sent Events: `token` events with pieces of
/// text (`{"text"}`), `lookup` events naming the tool the model calls (`{"tool"}`), then `done`
/// with the same object as the plain answer, or `error` (`{"error", "status"}`) when the
/// conversation fails after the stream has started.
struct ChatController<Context: ConnectionContext> {
    let chat: ChatService?
    var identity = CallerIdentity()

    /// Largest request body: a question is at most 4000 characters.
    static var bodyLimit: Int { 64 << 10 }

    func addRoutes(to router: Router<Context>) {
        router.post("/chat") { request, context in try await ask(request, context: context) }
        router.delete("/chat/history") { request, context in try await clear(request, context: context) }
    }

    func ask(_ request: Request, context: Context) async throws -> Response {
        var (question, stream) = try await Self.parse(request)
        question.userId = try identity.userId(claimed: question.userId, peer: await context.peerCredentials())
        guard let chat else { throw APIError(.serviceUnavailable, "chat is not configured: this daemon runs without a chat service") }
        if !stream {
            do {
                return try jsonResponse(try await chat.reply(to: question))
            } catch let error as ChatError {
                throw APIError(error)
            }
        }
        let started: ChatStream
        do { started = try await chat.stream(question) } catch let error as ChatError { throw APIError(error) }
        let logger = context.logger
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                do {
                    let reply = try await started.run { event in
                        switch event {
                        case let .token(text): try await writer.write(Self.event("token", ChatTokenEvent(text: text)))
                        case let .lookup(tool): try await writer.write(Self.event("lookup", ChatLookupEvent(tool: tool)))
                        }
                    }
                    try await writer.write(Self.event("done", reply))
                } catch let error as ChatError {
                    let api = APIError(error)
                    try await writer.write(Self.event("error", ChatErrorEvent(error: api.message, status: Int(api.status.code))))
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    logger.error("chat stream failed", metadata: ["error": "\(error)"])
                    try await writer.write(Self.event("error", ChatErrorEvent(error: "internal error; see the daemon's log", status: 500)))
                }
                try await writer.finish(nil)
            })
    }

    func clear(_ request: Request, context: Context) async throws -> Response {
        guard let claimed = QueryParameters(request: request).string("user_id") else {
            throw APIError(.badRequest, "user_id is required: DELETE /chat/history?user_id=NAME")
        }
        guard ChatRequest.isValidUserId(claimed) else { throw APIError(.badRequest, ChatRequest.userIdRule) }
        let userId = try identity.userId(claimed: claimed, peer: await context.peerCredentials()) ?? claimed
        guard let chat else { throw APIError(.serviceUnavailable, "chat is not configured: this daemon runs without a chat service") }
        let deleted = try await chat.clearHistory(userId: userId)
        return try jsonResponse(ChatHistoryCleared(userId: userId, deleted: deleted))
    }

    /// The request body `{"message", "user_id"?, "invoice_id"?, "stream"?}`, checked field by field.
    static func parse(_ request: Request) async throws -> (ChatRequest, stream: Bool) {
        let data = try await jsonRequestBody(request, limit: bodyLimit, what: "the question")
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case let .object(object) = value else {
            throw APIError(.badRequest, #"send a JSON object: {"message": "...", "user_id": "...", "invoice_id": 12, "stream": false}"#)
        }
        guard case let .string(message) = object["message"] else {
            throw APIError(.badRequest, "message is required and must be a string")
        }
        var question = ChatRequest(message: message)
        switch object["user_id"] {
        case nil, .null: break
        case let .string(user) where !user.isEmpty: question.userId = user
        default: throw APIError(.badRequest, "user_id must be a non-empty string")
        }
        switch object["invoice_id"] {
        case nil, .null: break
        case let .int(id): question.invoiceId = id
        case let .string(text) where Int64(text) != nil: question.invoiceId = Int64(text)
        default: throw APIError(.badRequest, "invoice_id must be a whole number")
        }
        var stream = false
        switch object["stream"] {
        case nil, .null: break
        case let .bool(flag): stream = flag
        default: throw APIError(.badRequest, "stream must be true or false")
        }
        return (question, stream)
    }

    /// One Server-Sent Event with a JSON `data` line.
    static func event(_ name: String, _ body: some Encodable) -> ByteBuffer {
        let data = (try? WireJSON.encode(body)) ?? Data("{}".utf8)
        return ByteBuffer(string: "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
    }
}

extension APIError {
    /// The status a chat failure is answered with: the client's mistakes are 4xx, an absent key
    /// 503, the chat server's failures 502 (504 for its timeouts), its rate limit 429 with
    /// `Retry-After`.
    init(_ error: ChatError) {
        switch error {
        case .notConfigured: self.init(.serviceUnavailable, error.description)
        case .invalidRequest: self.init(.badRequest, error.description)
        case .invoiceNotFound: self.init(.notFound, error.description)
        case let .rateLimited(retryAfter):
            self.init(.tooManyRequests, error.description, headers: [.retryAfter: String(retryAfter)])
        case .timedOut: self.init(.gatewayTimeout, error.description)
        case .keyRejected, .upstreamFailed, .upstreamRejected, .unreachable, .badResponse, .toolLoopExhausted, .emptyAnswer:
            self.init(.badGateway, error.description)
        }
    }
}
