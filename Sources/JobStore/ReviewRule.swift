import Foundation
import GRDB

/// When an invoice needs a person to look at it (`needs_review`): one of its checks failed,
/// or its confidence score is under the threshold (`extraction.review_below`). One rule,
/// kept here for the rows the pipeline writes and for the rows written under another
/// threshold (migration v8 wrote it out for the rows it found).
public enum ReviewRule {
    /// The threshold when none is configured.
    public static let defaultThreshold = 0.8

    /// The `checks` keys whose `false` means the invoice contradicts itself or carries a
    /// tax code that cannot exist. `series_format_valid` is not one: series outside
    /// Circular 78's shape are normal on older and foreign invoices.
    public static let checkKeys = ["sum_matches", "vat_rate_matches", "words_match_total", "items_sum_matches",
                                   "cash_change_matches", "seller_tax_code_valid", "buyer_tax_code_valid"]

    /// Whether an invoice with this score and checks needs review. No score at all (rows of
    /// the seed system) is no confidence.
    public static func needsReview(confidenceScore: Double?, checksFailed: Bool, threshold: Double) -> Bool {
        checksFailed || (confidenceScore ?? 0) < threshold
    }

    /// `needsReview` in SQL over `invoices`, with the threshold as its one argument.
    static let needsReviewSQL = "(checks_failed = 1 OR confidence_score IS NULL OR confidence_score < ?)"
}

extension JobStore {
    /// Makes every stored invoice's `needs_review` follow `threshold`, when the invoices
    /// were marked under another one (the setting changed, or migration v8 used the
    /// default). Returns how many changed, nil when the threshold was already the one
    /// applied; the common start reads one row and writes nothing.
    @discardableResult
    public func applyReviewThreshold(_ threshold: Double) throws -> Int? {
        try pool.write { db in
            let applied = try Double.fetchOne(db, sql: "SELECT value FROM store_settings WHERE name = 'review_below'")
            guard applied != threshold else { return nil }
            try db.execute(sql: """
                UPDATE invoices SET needs_review = \(ReviewRule.needsReviewSQL)
                WHERE needs_review IS NOT \(ReviewRule.needsReviewSQL)
                """, arguments: [threshold, threshold])
            let changed = db.changesCount
            try db.execute(sql: """
                INSERT INTO store_settings(name, value) VALUES ('review_below', ?)
                    ON CONFLICT(name) DO UPDATE SET value = excluded.value
                """, arguments: [threshold])
            return changed
        }
    }
}
