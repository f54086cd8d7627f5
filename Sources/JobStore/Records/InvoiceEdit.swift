import APIWire
import Foundation
import GRDB

/// One row of `invoice_edits`: a field of an invoice that a person changed.
public struct InvoiceEdit: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "invoice_edits"

    public var id: Int64?
    public var invoiceId: Int64
    /// The column's name (`seller_name`), or `needs_review` for a confirmation.
    public var field: String
    /// The value before, as text; nil when there was none.
    public var oldValue: String?
    /// The value after, as text; nil when the field was cleared.
    public var newValue: String?
    /// Who: the caller's login on the Unix socket, the `user_id` it gave over TCP.
    public var editedBy: String
    public var editedAt: Date

    /// The `invoice_edits` columns.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, invoiceId = "invoice_id", field, oldValue = "old_value", newValue = "new_value"
        case editedBy = "edited_by", editedAt = "edited_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public init(invoiceId: Int64, field: String, oldValue: String?, newValue: String?, editedBy: String, editedAt: Date) {
        self.invoiceId = invoiceId
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.editedBy = editedBy
        self.editedAt = editedAt
    }
}

/// One row of `supplier_profiles`: what people wrote for a seller, by its tax code. The
/// pipeline gives the seller's next invoices this name and type.
public struct SupplierProfile: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "supplier_profiles"

    public var sellerTaxCode: String
    /// The name as a person wrote it, diacritics and all.
    public var sellerName: String?
    public var invoiceType: String?
    public var currency: String?
    /// How many corrections taught it.
    public var corrections: Int
    public var updatedAt: Date

    /// The `supplier_profiles` columns.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case sellerTaxCode = "seller_tax_code", sellerName = "seller_name", invoiceType = "invoice_type", currency
        case corrections, updatedAt = "updated_at"
    }

    public init(sellerTaxCode: String, sellerName: String?, invoiceType: String?, currency: String?, corrections: Int, updatedAt: Date) {
        self.sellerTaxCode = sellerTaxCode
        self.sellerName = sellerName
        self.invoiceType = invoiceType
        self.currency = currency
        self.corrections = corrections
        self.updatedAt = updatedAt
    }
}

extension InvoiceEdit {
    /// The change as the API shows it.
    public var resource: InvoiceEditResource {
        InvoiceEditResource(id: id ?? 0, field: field, oldValue: oldValue, newValue: newValue, editedBy: editedBy, editedAt: editedAt)
    }
}
