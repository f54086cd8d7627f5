import APIWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What one streamed round produced.
struct StreamedRound: Sendable {
    var content = ""
    var toolCalls: [WireToolCall] = []
    var model: String?
    var usage: TokenUsage?
}

extension CompletionClient {
    /// Reads a streamed completion to its end, handing each piece of text to `emit` (the first
    /// one after `prefix`), within the request's deadline.
    ///
    /// A server that answers a streamed request with a plain JSON completion (some do) is
    /// read as one piece. Nothing is retried here: text already handed out cannot be taken back.
    func read(_ opened: Opened, prefix: String, emit: @escaping @Sendable (ChatStreamEvent) -> Void) async throws -> StreamedRound {
        let response = opened.response
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        let scrub: @Sendable (String) -> String = { [self] in self.scrub($0) }
        do {
            return try await Deadline.run(until: opened.deadline) {
                if contentType.hasPrefix("application/json") {
                    let bytes = try await response.body.collect(upTo: 8 << 20)
                    guard let completion = try? JSONDecoder().decode(CompletionResponse.self, from: Data(bytes.readableBytesView)),
                          let message = completion.choices.first?.message else {
                        throw ChatError.badResponse(Self.shape(bytes))
                    }
                    let content = message.content ?? ""
                    if !content.isEmpty { emit(.token(prefix + content)) }
                    return StreamedRound(content: content, toolCalls: message.toolCalls ?? [], model: completion.model,
                                         usage: completion.usage)
                }
                var parser = ServerSentEventParser()
                var round = StreamAccumulator(prefix: prefix, scrub: scrub)
                for try await chunk in response.body {
                    for data in parser.feed(chunk.readableBytesView) {
                        if let text = try round.absorb(data) { emit(.token(text)) }
                        if round.done { return try round.result() }
                    }
                }
                for data in parser.finish() {
                    if let text = try round.absorb(data) { emit(.token(text)) }
                }
                return try round.result()
            }
        } catch let error as ChatError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            switch Self.classify(error, timeout: settings.timeout, baseURL: settings.baseURL) {
            case let .timeout(seconds): throw ChatError.timedOut(seconds: seconds, attempts: 1)
            default: throw ChatError.unreachable("the connection broke during the answer: \(error)")
            }
        }
    }
}

/// Builds a round from the `data:` events of a streamed completion: text pieces, tool calls
/// arriving in fragments by index, and the usage the last event carries.
struct StreamAccumulator {
    private var prefix: String
    private let scrub: (String) -> String
    private var content = ""
    private var calls: [Int: (id: String?, name: String, arguments: String)] = [:]
    private var model: String?
    private var usage: TokenUsage?
    private var sawEvent = false
    private(set) var done = false

    init(prefix: String, scrub: @escaping (String) -> String) {
        self.prefix = prefix
        self.scrub = scrub
    }

    /// Takes one event; returns the text to hand out, if it carried any.
    mutating func absorb(_ data: String) throws -> String? {
        if data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            done = true
            return nil
        }
        guard let chunk = try? JSONDecoder().decode(CompletionChunk.self, from: Data(data.utf8)) else {
            throw ChatError.badResponse("a streamed event is not a completion chunk")
        }
        if let error = chunk.error {
            throw ChatError.badResponse("the chat server failed during the answer: \(scrub(error.message ?? "no message"))")
        }
        sawEvent = true
        if let name = chunk.model, !name.isEmpty { model = name }
        if let used = chunk.usage ?? chunk.xGroq?.usage { usage = used }
        var text = ""
        for choice in chunk.choices ?? [] {
            if let piece = choice.delta?.content, !piece.isEmpty { text += piece }
            for delta in choice.delta?.toolCalls ?? [] {
                let index = delta.index ?? max(0, calls.count - (delta.id == nil ? 1 : 0))
                var call = calls[index] ?? (id: nil, name: "", arguments: "")
                if let id = delta.id, !id.isEmpty { call.id = id }
                if let name = delta.function?.name, !name.isEmpty { call.name = call.name.isEmpty ? name : call.name }
                if let arguments = delta.function?.arguments { call.arguments += arguments }
                calls[index] = call
            }
        }
        guard !text.isEmpty else { return nil }
        content += text
        defer { prefix = "" }
        return prefix + text
    }

    /// The round, once the stream has ended.
    func result() throws -> StreamedRound {
        guard sawEvent else { throw ChatError.badResponse("the stream ended before any answer") }
        let toolCalls = calls.keys.sorted().compactMap { index -> WireToolCall? in
            guard let call = calls[index], !call.name.isEmpty else { return nil }
            return WireToolCall(id: call.id ?? "call_\(index)", function: .init(name: call.name, arguments: call.arguments))
        }
        return StreamedRound(content: content, toolCalls: toolCalls, model: model, usage: usage)
    }
}
