import Foundation
import GRDB

/// One row of `chat_messages`: a question a user asked, or the answer they got. The
/// conversation memory of `POST /chat`, per `user_id`.
public struct ChatMessage: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "chat_messages"

    /// Who said it.
    public enum Role: String, Codable, Sendable {
        /// The person asking.
        case user
        /// The model's final answer (tool calls and their results are not kept: the data
        /// may have changed by the next question, so the model asks again).
        case assistant
    }

    public var id: Int64?
    public var userId: String
    public var role: Role
    public var content: String
    /// Invoices the answer cited, as a JSON array of ids.
    public var invoiceIds: String?
    public var createdAt: Date

    /// The `chat_messages` columns.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, userId = "user_id", role, content, invoiceIds = "invoice_ids", createdAt = "created_at"
    }

    /// Columns for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let userId = Column(CodingKeys.userId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A message of `userId`'s conversation.
    public init(userId: String, role: Role, content: String, invoiceIds: [Int64] = [], createdAt: Date) {
        self.userId = userId
        self.role = role
        self.content = content
        self.invoiceIds = invoiceIds.isEmpty ? nil : "[" + invoiceIds.map(String.init).joined(separator: ",") + "]"
        self.createdAt = createdAt
    }
}
