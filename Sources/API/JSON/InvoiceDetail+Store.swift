import APIWire
import JobStore

extension InvoiceDetail {
    /// The detail of a stored invoice, the job that read it and what people changed. A field
    /// a person corrected is trusted fully: its confidence is 1, whatever the reading said.
    init(_ invoice: Invoice, job: Job?, edits: [InvoiceEdit]) {
        var trust = invoice.fieldConfidence
        for edit in edits where edit.field != Invoice.CodingKeys.needsReview.stringValue { trust[edit.field] = 1 }
        self.init(invoice: invoice.resource, rawText: invoice.rawText, checks: invoice.checks, job: job?.resource,
                  edits: edits.map(\.resource), fieldConfidence: trust)
    }
}
