import Foundation
import InvoiceExtraction
import JobStore

/// Maps the extractor's fields onto an `invoices` row.
enum InvoiceRow {
    /// The row for `invoice`; `needs_review` is decided here, not by the extractor, because
    /// its threshold `reviewBelow` is a setting of the daemon.
    static func make(job: Job, invoice: ExtractedInvoice, text: String, ocrConfidence: Double,
                     checksJSON: String, fieldConfidenceJSON: String, reviewBelow: Double, now: Date) -> Invoice {
        var row = Invoice(jobId: job.id, filename: job.filename, rawText: text, createdAt: now)
        row.invoiceCode = invoice.invoiceCode
        row.invoiceType = invoice.invoiceType
        row.invoiceSeries = invoice.invoiceSeries
        row.invoiceNumber = invoice.invoiceNumber
        row.invoiceDate = invoice.invoiceDate
        row.sellerName = invoice.sellerName
        row.sellerTaxCode = invoice.sellerTaxCode
        row.buyerName = invoice.buyerName
        row.buyerTaxCode = invoice.buyerTaxCode
        row.subtotal = invoice.subtotal
        row.vatRate = invoice.vatRate
        row.vatAmount = invoice.vatAmount
        row.totalAmount = invoice.totalAmount
        row.currency = invoice.currency
        row.amountInWords = invoice.amountInWords
        row.confidenceScore = invoice.confidenceScore
        row.checksJson = checksJSON
        row.fieldConfidenceJson = fieldConfidenceJSON
        row.ocrConfidence = ocrConfidence
        row.sha256 = job.sha256
        row.uploader = job.uploader
        row.userId = job.userId
        row.checksFailed = !failedChecks(invoice.checks).isEmpty
        row.needsReview = ReviewRule.needsReview(confidenceScore: invoice.confidenceScore, checksFailed: row.checksFailed,
                                                 threshold: reviewBelow)
        return row
    }

    /// The `ReviewRule.checkKeys` that `checks` has as failed (`false`; not made is `nil`).
    static func failedChecks(_ checks: InvoiceChecks) -> [String] {
        let results: [(String, Bool?)] = [
            ("sum_matches", checks.sumMatches), ("vat_rate_matches", checks.vatRateMatches),
            ("words_match_total", checks.wordsMatchTotal), ("items_sum_matches", checks.itemsSumMatches),
            ("cash_change_matches", checks.cashChangeMatches), ("seller_tax_code_valid", checks.sellerTaxCodeValid),
            ("buyer_tax_code_valid", checks.buyerTaxCodeValid),
        ]
        return results.filter { $0.1 == false }.map(\.0)
    }
}
