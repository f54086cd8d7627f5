/// `POST /chat`'s answer, and the `done` event of its stream.
/// OpenAPI: `#/components/schemas/ChatReply`.
public struct ChatReply: Codable, Sendable, Equatable {
    /// The model's answer.
    public var reply: String
    /// The model that answered, as the server names it.
    public var model: String
    /// Invoices the answer cites (`#id`) that the tools returned, in order of first mention;
    /// the request's `invoice_id` first when given.
    public var invoiceIds: [Int64]
    /// Tokens of every round of this answer together.
    public var usage: TokenUsage

    enum CodingKeys: String, CodingKey {
        case reply, model, invoiceIds = "invoice_ids", usage
    }

    public init(reply: String, model: String, invoiceIds: [Int64], usage: TokenUsage) {
        self.reply = reply
        self.model = model
        self.invoiceIds = invoiceIds
        self.usage = usage
    }
}

/// Tokens counted by the chat server (its own `usage` object, passed on as it is).
public struct TokenUsage: Codable, Sendable, Equatable {
    /// Tokens of the messages sent.
    public var promptTokens: Int
    /// Tokens of the answer (and of its reasoning, for models that reason).
    public var completionTokens: Int
    /// Both.
    public var totalTokens: Int

    /// Counts; zero by default.
    public init(promptTokens: Int = 0, completionTokens: Int = 0, totalTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    /// Decodes a `usage` object; a missing count is 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? promptTokens + completionTokens
    }
}

/// `POST /chat`'s body. OpenAPI: `#/components/schemas/ChatRequest`. The daemon reads it
/// field by field (ChatController) to name the field that is wrong; clients write it with this.
public struct ChatQuestion: Codable, Sendable, Equatable {
    public var message: String
    public var userId: String?
    public var invoiceId: Int64?
    /// Answer as Server-Sent Events (`token`, `lookup`, then `done` or `error`).
    public var stream: Bool?

    enum CodingKeys: String, CodingKey {
        case message, userId = "user_id", invoiceId = "invoice_id", stream
    }

    public init(message: String, userId: String? = nil, invoiceId: Int64? = nil, stream: Bool? = nil) {
        self.message = message
        self.userId = userId
        self.invoiceId = invoiceId
        self.stream = stream
    }
}

/// The `data` of a streamed chat's `token` event: a piece of the answer.
public struct ChatTokenEvent: Codable, Sendable, Equatable {
    public var text: String
    public init(text: String) { self.text = text }
}

/// The `data` of a streamed chat's `lookup` event: the tool the model calls.
public struct ChatLookupEvent: Codable, Sendable, Equatable {
    public var tool: String
    public init(tool: String) { self.tool = tool }
}

/// The `data` of a streamed chat's `error` event: the conversation failed after the stream
/// started, with the status a plain request would have had.
public struct ChatErrorEvent: Codable, Sendable, Equatable {
    public var error: String
    public var status: Int
    public init(error: String, status: Int) {
        self.error = error
        self.status = status
    }
}

/// `DELETE /chat/history`: whose conversation was forgotten, and how many messages.
/// OpenAPI: `#/components/schemas/ChatHistoryCleared`.
public struct ChatHistoryCleared: Codable, Sendable, Equatable {
    public var userId: String
    public var deleted: Int

    enum CodingKeys: String, CodingKey {
        case userId = "user_id", deleted
    }

    public init(userId: String, deleted: Int) {
        self.userId = userId
        self.deleted = deleted
    }
}
