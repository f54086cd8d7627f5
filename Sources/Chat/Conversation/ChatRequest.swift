import Foundation

/// A question for `POST /chat`.
public struct ChatRequest: Sendable, Equatable {
    /// Longest accepted question, in characters.
    public static let maxMessageLength = 4000

    /// What the user asks.
    public var message: String
    /// Whose conversation: its last turns are remembered, and "vừa upload" means this user's
    /// latest job. Nil: a one-off question without memory.
    public var userId: String?
    /// An invoice the question is about; it is in the model's context from the start.
    public var invoiceId: Int64?

    /// A question, optionally of a user and about an invoice.
    public init(message: String, userId: String? = nil, invoiceId: Int64? = nil) {
        self.message = message
        self.userId = userId
        self.invoiceId = invoiceId
    }

    /// What a `user_id` may be, wherever one is given (chat, chat history, uploads): 1 to 128
    /// characters, none of them a C0 or C1 control or DEL. It is shown in job lists and
    /// terminals, and stored as the key of a conversation.
    public static func isValidUserId(_ userId: String) -> Bool {
        !userId.isEmpty && userId.count <= 128
            && !userId.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// The rule `isValidUserId` applies, as an error message.
    public static let userIdRule = "user_id must be 1 to 128 printable characters"

    /// Throws `ChatError.invalidRequest` for what the model should never see.
    func validate() throws {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ChatError.invalidRequest("message is required: the question to ask") }
        guard message.count <= Self.maxMessageLength else {
            throw ChatError.invalidRequest("message is longer than \(Self.maxMessageLength) characters")
        }
        if let userId, !Self.isValidUserId(userId) {
            throw ChatError.invalidRequest(Self.userIdRule)
        }
        if let invoiceId, invoiceId <= 0 { throw ChatError.invalidRequest("invoice_id must be a positive whole number") }
    }
}

/// What a streamed chat produces before its reply.
public enum ChatStreamEvent: Sendable, Equatable {
    /// A piece of the answer's text, to show as it comes.
    case token(String)
    /// The model looks something up: the tool's name (its arguments stay private).
    case lookup(String)
}
