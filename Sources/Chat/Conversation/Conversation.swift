import APIWire
import Foundation

/// One chat's messages and what it has gathered so far: the state the tool-call loop carries
/// from round to round, the same for streamed and non-streamed answers.
struct Conversation: Sendable {
    /// Tool calls honoured in one round; more are answered with an error, so one round cannot
    /// turn into an unbounded number of queries.
    static let maxCallsPerRound = 8

    private(set) var messages: [WireMessage]
    /// Invoices the tools returned: the only ids a reply may cite.
    private(set) var seenInvoiceIds: Set<Int64> = []
    /// The request's `invoice_id`, cited first.
    private(set) var pinnedInvoiceId: Int64?
    /// The text of the answer, one part per round that had any.
    private(set) var replyParts: [String] = []
    private(set) var usage = TokenUsage()
    private(set) var model: String
    /// Names of the tools called, in order (for the log).
    private(set) var lookups: [String] = []

    init(messages: [WireMessage], model: String) {
        self.messages = messages
        self.model = model
    }

    /// The request for the next round. Without tools allowed, the tools stay declared (the
    /// history refers to them) but `tool_choice` is `none`: the model must answer.
    func request(model configured: String, stream: Bool, toolsAllowed: Bool) -> CompletionRequest {
        CompletionRequest(
            model: configured, messages: messages, tools: InvoiceTools.definitions,
            toolChoice: toolsAllowed ? "auto" : "none", temperature: 0.2, stream: stream,
            streamOptions: stream ? .init() : nil)
    }

    /// What a server said about itself in one round.
    mutating func absorb(model: String?, usage: TokenUsage?) {
        if let model, !model.isEmpty { self.model = model }
        if let usage { self.usage += usage }
    }

    /// Puts `invoice` in the context from the start, as if the model had asked for it: the
    /// data then reaches the model the same way, as a delimited tool result.
    mutating func pin(_ id: Int64, outcome: InvoiceTools.Outcome) {
        let call = WireToolCall(id: "preloaded_invoice_\(id)", function: .init(name: "get_invoice", arguments: "{\"id\":\(id)}"))
        messages.append(WireMessage(role: "assistant", toolCalls: [call]))
        messages.append(.toolResult(id: call.id, outcome.result.serialized()))
        seenInvoiceIds.formUnion(outcome.invoiceIds)
        pinnedInvoiceId = id
    }

    /// Runs the tool calls of a round and records them and their results.
    mutating func lookUp(_ calls: [WireToolCall], content: String?, tools: InvoiceTools) async throws {
        let text = content?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty { replyParts.append(text) }
        messages.append(WireMessage(role: "assistant", content: text.isEmpty ? nil : text, toolCalls: calls))
        for (index, call) in calls.enumerated() {
            let outcome: InvoiceTools.Outcome
            if index < Self.maxCallsPerRound {
                outcome = try await tools.run(name: call.function.name, arguments: call.function.arguments)
            } else {
                outcome = .init(result: ["error": "too many lookups in one round; ask again with fewer"], invoiceIds: [])
            }
            lookups.append(call.function.name)
            seenInvoiceIds.formUnion(outcome.invoiceIds)
            messages.append(.toolResult(id: call.id, outcome.result.serialized()))
        }
    }

    /// The final round's text.
    mutating func answer(_ content: String?) {
        let text = content?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty { replyParts.append(text) }
    }

    /// Whether an earlier round already produced text (a streamed round then starts with a
    /// paragraph break, so the streamed text equals `reply`).
    var hasText: Bool { !replyParts.isEmpty }

    /// The reply, or `emptyAnswer`.
    func reply() throws -> ChatReply {
        let text = replyParts.joined(separator: "\n\n")
        guard !text.isEmpty else { throw ChatError.emptyAnswer }
        var ids: [Int64] = pinnedInvoiceId.map { [$0] } ?? []
        for id in Citations.invoiceIds(in: text) where seenInvoiceIds.contains(id) && !ids.contains(id) {
            ids.append(id)
        }
        return ChatReply(reply: text, model: model, invoiceIds: ids, usage: usage)
    }
}

/// Invoice ids an answer cites, written `#12` as the system prompt asks.
enum Citations {
    /// The ids after a `#`, in order of first mention.
    static func invoiceIds(in text: String) -> [Int64] {
        var ids: [Int64] = []
        var index = text.startIndex
        while let hash = text[index...].firstIndex(of: "#") {
            let digits = text[text.index(after: hash)...].prefix { $0.isASCII && $0.isNumber }
            if let id = Int64(digits), !ids.contains(id) { ids.append(id) }
            index = text.index(after: hash)
        }
        return ids
    }
}
