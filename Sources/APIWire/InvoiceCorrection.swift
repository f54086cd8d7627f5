import Foundation

/// One change a person made to an invoice. OpenAPI: `#/components/schemas/InvoiceEdit`.
public struct InvoiceEditResource: Codable, Sendable, Equatable {
    public var id: Int64
    /// The field (`seller_name`), or `needs_review` for a confirmation.
    public var field: String
    @Nullable public var oldValue: String?
    @Nullable public var newValue: String?
    /// The caller's login on the Unix socket, the `user_id` it gave over TCP.
    public var editedBy: String
    public var editedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, field, oldValue = "old_value", newValue = "new_value", editedBy = "edited_by", editedAt = "edited_at"
    }

    public init(id: Int64, field: String, oldValue: String?, newValue: String?, editedBy: String, editedAt: Date) {
        self.id = id
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.editedBy = editedBy
        self.editedAt = editedAt
    }
}

/// `PATCH /api/invoices/{id}`'s body: fields to set (text, a number for the amounts, null
/// to clear), `confirm` to clear `needs_review`, and who (`user_id`). The fields sit beside
/// the two in one object: `{"seller_name": "…", "confirm": true}`.
/// OpenAPI: `#/components/schemas/InvoiceCorrection`.
public struct InvoiceCorrection: Codable, Sendable, Equatable {
    /// Field name → new value.
    public var fields: [String: JSONValue]
    public var confirm: Bool?
    public var userId: String?

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(fields: [String: JSONValue], confirm: Bool? = nil, userId: String? = nil) {
        self.fields = fields
        self.confirm = confirm
        self.userId = userId
    }

    public init(from decoder: any Decoder) throws {
        var members = try [String: JSONValue](from: decoder)
        switch members.removeValue(forKey: "confirm") {
        case nil, .null?: confirm = nil
        case let .bool(flag)?: confirm = flag
        default: throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey(stringValue: "confirm")], debugDescription: "confirm must be true or false"))
        }
        switch members.removeValue(forKey: "user_id") {
        case nil, .null?: userId = nil
        case let .string(user)?: userId = user
        default: throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey(stringValue: "user_id")], debugDescription: "user_id must be a string"))
        }
        fields = members
    }

    public func encode(to encoder: any Encoder) throws {
        var members = fields
        if let confirm { members["confirm"] = .bool(confirm) }
        if let userId { members["user_id"] = .string(userId) }
        try members.encode(to: encoder)
    }
}

/// `PATCH /api/invoices/{id}`'s answer: the invoice as it now is, and what looks wrong
/// without being refused (subtotal + VAT ≠ total). OpenAPI: `#/components/schemas/CorrectionResult`.
public struct CorrectionResult: Codable, Sendable, Equatable {
    public var invoice: InvoiceDetail
    public var warnings: [String]

    public init(invoice: InvoiceDetail, warnings: [String]) {
        self.invoice = invoice
        self.warnings = warnings
    }
}
