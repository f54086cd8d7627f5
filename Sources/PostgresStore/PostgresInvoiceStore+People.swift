import Foundation
import GRDB
import JobStore
import PostgresNIO

/// What people change on the shared store: corrections (which teach the seller's profile)
/// and chat's memory.
extension PostgresInvoiceStore {
    /// In one transaction, the invoice's row locked: two people correcting one invoice from
    /// two nodes apply one after the other, each edit recorded.
    public func correctInvoice(id: Int64, changes: [Invoice.CodingKeys: CorrectedValue], confirm: Bool,
                               editor: String, now: Date) throws -> CorrectionOutcome? {
        try session.inTransaction { connection in
            guard let stored = try invoices(session.run("SELECT * FROM invoices WHERE id = $1 FOR UPDATE", binds(id), on: connection)).first else {
                return nil
            }
            let (invoice, made) = stored.corrected(changes, confirm: confirm, editor: editor, now: now)
            if !made.isEmpty {
                try update(invoice, id: id, on: connection)
                try index(invoice, id: id, on: connection)
                for edit in made {
                    let insert = try PostgresRecords.insert(edit, into: "invoice_edits", types: columnTypes["invoice_edits"] ?? [:])
                    try session.run(insert.sql, insert.binds, on: connection)
                }
            }
            if !made.isEmpty || confirm, let taxCode = invoice.sellerTaxCode, !taxCode.isEmpty {
                let known = try PostgresRecords.records(SupplierProfile.self, session.run(
                    "SELECT * FROM supplier_profiles WHERE seller_tax_code = $1 FOR UPDATE", binds(taxCode), on: connection)).first
                if let profile = SupplierProfile.learned(from: invoice, known: known, now: now) {
                    try session.run("DELETE FROM supplier_profiles WHERE seller_tax_code = $1", binds(taxCode), on: connection)
                    let insert = try PostgresRecords.insert(profile, into: "supplier_profiles", types: columnTypes["supplier_profiles"] ?? [:])
                    try session.run(insert.sql, insert.binds, on: connection)
                }
            }
            let edits = try PostgresRecords.records(InvoiceEdit.self, session.run(
                "SELECT * FROM invoice_edits WHERE invoice_id = $1 ORDER BY id", binds(id), on: connection))
            return CorrectionOutcome(invoice: invoice, edits: edits)
        }
    }

    /// Every column of the invoice's row set from `invoice` (its id stays).
    private func update(_ invoice: Invoice, id: Int64, on connection: PostgresConnection) throws {
        let types = columnTypes["invoices"] ?? [:]
        var bindings = PostgresBindings()
        var assignments: [String] = []
        for (column, value) in try invoice.databaseDictionary.sorted(by: { $0.key < $1.key }) where column != "id" {
            guard let type = types[column] else {
                throw DatabaseError(message: "invoices.\(column) is not a column of the PostgreSQL store: its migrations are behind the record")
            }
            assignments.append("\(column) = \(try PostgresRecords.bind(value, as: type, into: &bindings))")
        }
        bindings.append(id)
        try session.run("UPDATE invoices SET \(assignments.joined(separator: ", ")) WHERE id = $\(bindings.count)", bindings, on: connection)
    }

    public func chatHistory(userId: String, turns: Int) async throws -> [ChatMessage] {
        guard turns > 0 else { return [] }
        return try PostgresRecords.records(ChatMessage.self, await session.query(
            "SELECT * FROM chat_messages WHERE user_id = $1 ORDER BY id DESC LIMIT $2", binds(userId, turns * 2))).reversed()
    }

    public func appendChatTurn(userId: String, question: String, answer: String, invoiceIds: [Int64], keep: Int,
                               now: Date) async throws {
        let types = columnTypes["chat_messages"] ?? [:]
        let asked = try PostgresRecords.insert(ChatMessage(userId: userId, role: .user, content: question, createdAt: now),
                                               into: "chat_messages", types: types)
        let answered = try PostgresRecords.insert(
            ChatMessage(userId: userId, role: .assistant, content: answer, invoiceIds: invoiceIds, createdAt: now),
            into: "chat_messages", types: types)
        try await session.inTransaction { connection in
            try await session.query(asked.sql, asked.binds, on: connection)
            try await session.query(answered.sql, answered.binds, on: connection)
            try await session.query("""
                DELETE FROM chat_messages WHERE user_id = $1 AND id NOT IN (
                    SELECT id FROM chat_messages WHERE user_id = $1 ORDER BY id DESC LIMIT $2)
                """, binds(userId, max(keep, 0) * 2), on: connection)
        }
    }

    @discardableResult
    public func clearChatHistory(userId: String) async throws -> Int {
        changed(count: try await session.query("DELETE FROM chat_messages WHERE user_id = $1", binds(userId)))
    }
}
