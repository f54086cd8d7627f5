import APIWire
import AsyncHTTPClient
import Foundation
import JobStore
import Logging
import NIOCore
import ServiceLifecycle

/// Answers questions about the invoices through an OpenAI-compatible chat server, grounded
/// in the database through read-only tools, with each user's recent turns as memory.
///
/// It owns the HTTP client to the chat server; as a `Service` it closes it at shutdown, after
/// the API that uses it has stopped.
public final class ChatService: Service, Sendable {
    /// The settings it was made with.
    public let settings: ChatSettings
    let store: any InvoiceStore
    let logger: Logger
    let http: LazyHTTPClient
    let client: CompletionClient

    /// A service for `settings` over `store`. Nothing is opened until the first question.
    public init(settings: ChatSettings, store: any InvoiceStore, logger: Logger) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                                      read: .milliseconds(Int64(settings.timeout * 1000)))
        // A redirect would carry the bearer key to wherever the server points; an API never
        // needs one.
        configuration.redirectConfiguration = .disallow
        self.settings = settings
        self.store = store
        self.logger = logger
        self.http = LazyHTTPClient(configuration: configuration)
        self.client = CompletionClient(http: http, settings: settings, logger: logger)
    }

    /// Waits for the graceful shutdown, then closes the HTTP client.
    public func run() async throws {
        try? await gracefulShutdown()
        try await http.shutdown()
    }

    /// Closes the HTTP client (if a question opened one), for owners that do not run the service.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Why chat cannot work (no key), or nil.
    public var configurationProblem: String? { settings.configurationProblem }

    /// Answers `request` in one piece.
    public func reply(to request: ChatRequest) async throws -> ChatReply {
        let started = ContinuousClock.now
        var (conversation, tools) = try await begin(request)
        var budget = RetryBudget()
        for round in 0...settings.maxToolRounds {
            let toolsAllowed = round < settings.maxToolRounds
            let response = try await client.complete(
                conversation.request(model: settings.model, stream: false, toolsAllowed: toolsAllowed), budget: &budget)
            guard let message = response.choices.first?.message else {
                throw ChatError.badResponse("a completion without choices")
            }
            conversation.absorb(model: response.model, usage: response.usage)
            if let calls = message.toolCalls, !calls.isEmpty {
                guard toolsAllowed else { throw ChatError.toolLoopExhausted(rounds: settings.maxToolRounds) }
                try await conversation.lookUp(calls, content: message.content, tools: tools)
                continue
            }
            conversation.answer(message.content)
            return try await finish(conversation, request: request, started: started)
        }
        throw ChatError.toolLoopExhausted(rounds: settings.maxToolRounds)
    }

    /// Starts a streamed answer: everything up to the chat server accepting the first round
    /// happens here, so its errors (no key, 401, 429 after retries) can still be answered with
    /// their own HTTP status. The returned stream runs the rest.
    public func stream(_ request: ChatRequest) async throws -> ChatStream {
        let started = ContinuousClock.now
        let (conversation, tools) = try await begin(request)
        var budget = RetryBudget()
        let first = try await client.open(
            conversation.request(model: settings.model, stream: true, toolsAllowed: settings.maxToolRounds > 0), budget: &budget)
        return ChatStream(service: self, request: request, conversation: conversation, tools: tools, first: first,
                          budget: budget, started: started)
    }

    /// Forgets `userId`'s conversation; returns how many messages went.
    public func clearHistory(userId: String) async throws -> Int {
        try await store.clearChatHistory(userId: userId)
    }

    /// The conversation up to the user's question: the rules, the remembered turns, the
    /// question, and the invoice it is about.
    func begin(_ request: ChatRequest) async throws -> (Conversation, InvoiceTools) {
        try request.validate()
        if let problem = configurationProblem { throw ChatError.notConfigured(problem) }
        let tools = InvoiceTools(store: store, userId: request.userId)
        var messages: [WireMessage] = [.system(SystemPrompt.text(today: Self.today()))]
        if let userId = request.userId {
            for message in try await store.chatHistory(userId: userId, turns: settings.historyTurns) {
                messages.append(message.role == .user ? .user(message.content) : .assistant(message.content))
            }
        }
        messages.append(.user(request.message))
        var conversation = Conversation(messages: messages, model: settings.model)
        if let id = request.invoiceId {
            let outcome = try await tools.invoice(id: id)
            guard !outcome.invoiceIds.isEmpty else { throw ChatError.invoiceNotFound(id) }
            conversation.pin(id, outcome: outcome)
        }
        return (conversation, tools)
    }

    /// The reply of a finished conversation, remembered for its user.
    func finish(_ conversation: Conversation, request: ChatRequest, started: ContinuousClock.Instant) async throws -> ChatReply {
        let reply = try conversation.reply()
        if let userId = request.userId, settings.historyTurns > 0 {
            try await store.appendChatTurn(userId: userId, question: request.message, answer: reply.reply,
                                           invoiceIds: reply.invoiceIds, keep: settings.historyTurns, now: Date())
        }
        // What an operator needs to follow cost and behaviour; never the question or the answer.
        logger.info("chat answered", metadata: [
            "model": "\(reply.model)", "lookups": "\(conversation.lookups.joined(separator: ","))",
            "tokens": "\(reply.usage.totalTokens)", "duration_ms": "\(Int((ContinuousClock.now - started) / .milliseconds(1)))",
        ])
        return reply
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

/// A streamed answer whose first round the chat server has accepted.
public struct ChatStream: Sendable {
    let service: ChatService
    let request: ChatRequest
    let conversation: Conversation
    let tools: InvoiceTools
    let first: CompletionClient.Opened
    let budget: RetryBudget
    let started: ContinuousClock.Instant

    /// Runs the conversation to its end, handing each token and lookup to `consume` as it
    /// comes, and returns the reply (the tokens' text, trimmed).
    ///
    /// The upstream reading runs in a child task that is bounded by the timeout; `consume`
    /// runs here, so it may write to a response that is not `Sendable`.
    public func run(_ consume: (ChatStreamEvent) async throws -> Void) async throws -> ChatReply {
        let (events, continuation) = AsyncStream<ChatStreamEvent>.makeStream()
        return try await withThrowingTaskGroup(of: ChatReply.self) { group in
            group.addTask {
                defer { continuation.finish() }
                return try await produce { continuation.yield($0) }
            }
            for await event in events { try await consume(event) }
            guard let reply = try await group.next() else { throw CancellationError() }
            return reply
        }
    }

    private func produce(_ emit: @escaping @Sendable (ChatStreamEvent) -> Void) async throws -> ChatReply {
        let settings = service.settings
        var conversation = conversation
        var budget = budget
        var opened = first
        for round in 0...settings.maxToolRounds {
            let toolsAllowed = round < settings.maxToolRounds
            let result = try await service.client.read(opened, prefix: conversation.hasText ? "\n\n" : "", emit: emit)
            conversation.absorb(model: result.model, usage: result.usage)
            if !result.toolCalls.isEmpty {
                guard toolsAllowed else { throw ChatError.toolLoopExhausted(rounds: settings.maxToolRounds) }
                for call in result.toolCalls { emit(.lookup(call.function.name)) }
                try await conversation.lookUp(result.toolCalls, content: result.content, tools: tools)
                opened = try await service.client.open(
                    conversation.request(model: settings.model, stream: true, toolsAllowed: round + 1 < settings.maxToolRounds),
                    budget: &budget)
                continue
            }
            conversation.answer(result.content)
            return try await service.finish(conversation, request: request, started: started)
        }
        throw ChatError.toolLoopExhausted(rounds: settings.maxToolRounds)
    }
}
