/// One page of a list (`/api/ocr/jobs`, `/api/invoices/list`, `/api/search`): its items
/// and the cursor of the next page, null on the last.
/// OpenAPI: `JobPage`, `InvoicePage`, `SearchPage`.
public struct ResourcePage<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var items: [Item]
    /// Send it back as `cursor=` for the next page.
    @Nullable public var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
