import Foundation
import GRDB

/// The conversation memory of `POST /chat`: each user's last questions and answers.
extension JobStore {
    /// The last `turns` question-and-answer pairs of `userId`, oldest first.
    public func chatHistory(userId: String, turns: Int) async throws -> [ChatMessage] {
        guard turns > 0 else { return [] }
        return try await pool.read { db in
            try ChatMessage.filter(ChatMessage.Columns.userId == userId)
                .order(ChatMessage.Columns.id.desc).limit(turns * 2).fetchAll(db).reversed()
        }
    }

    /// Records a question and its answer in one transaction, and forgets what lies beyond the
    /// last `keep` turns of that user, so the table does not grow without end.
    public func appendChatTurn(userId: String, question: String, answer: String, invoiceIds: [Int64], keep: Int,
                               now: Date) async throws {
        try await pool.write { db in
            var asked = ChatMessage(userId: userId, role: .user, content: question, createdAt: now)
            try asked.insert(db)
            var answered = ChatMessage(userId: userId, role: .assistant, content: answer, invoiceIds: invoiceIds, createdAt: now)
            try answered.insert(db)
            try db.execute(sql: """
                DELETE FROM chat_messages WHERE user_id = ? AND id NOT IN (
                    SELECT id FROM chat_messages WHERE user_id = ? ORDER BY id DESC LIMIT ?)
                """, arguments: [userId, userId, max(keep, 0) * 2])
        }
    }

    /// Forgets `userId`'s conversation; returns how many messages went.
    @discardableResult
    public func clearChatHistory(userId: String) async throws -> Int {
        try await pool.write { db in
            try ChatMessage.filter(ChatMessage.Columns.userId == userId).deleteAll(db)
        }
    }
}
