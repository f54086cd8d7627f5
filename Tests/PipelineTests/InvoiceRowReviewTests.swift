import Foundation
import InvoiceExtraction
import JobStore
@testable import Pipeline
import Testing

/// Issue 14: the row the pipeline stores says whether the invoice needs review, by the
/// configured threshold and the checks, never by the extractor.
@Suite struct InvoiceRowReviewTests {
    let job = Job(id: "job-1", filepath: "/spool/a.png", filename: "a.png", uploader: nil, userId: nil, sourcePath: nil, now: Date())

    func row(score: Double, checks: InvoiceChecks = InvoiceChecks(), reviewBelow: Double) -> Invoice {
        InvoiceRow.make(job: job, invoice: ExtractedInvoice(confidenceScore: score, checks: checks), text: "", ocrConfidence: 90,
                        checksJSON: "{}", fieldConfidenceJSON: "{}", reviewBelow: reviewBelow, now: Date())
    }

    @Test func aScoreUnderTheThreshold_needsReview_atTheThresholdNot() {
        #expect(row(score: 0.79, reviewBelow: 0.8).needsReview)
        #expect(!row(score: 0.8, reviewBelow: 0.8).needsReview)
        #expect(!row(score: 0.79, reviewBelow: 0.7).needsReview, "the setting decides, not a constant")
        #expect(!row(score: 0.79, reviewBelow: 0.8).checksFailed)
    }

    /// Each of the seven checks, failed alone, marks an invoice scored 1.0; one that could
    /// not be made (nil) or the series' shape does not.
    @Test(arguments: ReviewRule.checkKeys)
    func eachFailedCheck_marksTheInvoice_whateverItsScore(key: String) throws {
        var checks = InvoiceChecks()
        let keyPaths: [String: WritableKeyPath<InvoiceChecks, Bool?>] = [
            "sum_matches": \.sumMatches, "vat_rate_matches": \.vatRateMatches, "words_match_total": \.wordsMatchTotal,
            "items_sum_matches": \.itemsSumMatches, "cash_change_matches": \.cashChangeMatches,
            "seller_tax_code_valid": \.sellerTaxCodeValid, "buyer_tax_code_valid": \.buyerTaxCodeValid,
        ]
        checks[keyPath: try #require(keyPaths[key])] = false
        #expect(InvoiceRow.failedChecks(checks) == [key])
        let marked = row(score: 1.0, checks: checks, reviewBelow: 0.8)
        #expect(marked.checksFailed && marked.needsReview)
    }

    @Test func checksNotMade_orTheSeriesShape_doNotMarkTheInvoice() {
        var checks = InvoiceChecks()
        checks.seriesFormatValid = false
        checks.sumMatches = true
        let row = row(score: 1.0, checks: checks, reviewBelow: 0.8)
        #expect(!row.checksFailed && !row.needsReview)
    }
}
