import JobStore

extension InvoiceQuery {
    /// The filters of a request to the invoice list, its sums and the search (`type`,
    /// `seller`, `from`, `to`, `min_total`, `max_total`, `needs_review`), each checked with a
    /// 400 naming it; `q` the words, if any. One reader, so the three routes filter alike.
    init(filtersOf query: QueryParameters) throws {
        self.init(text: query.string("q"), type: query.string("type"), seller: query.string("seller"), from: try query.date("from"),
                  to: try query.date("to"), minTotal: try query.double("min_total"), maxTotal: try query.double("max_total"),
                  needsReview: try query.bool("needs_review"))
    }
}
