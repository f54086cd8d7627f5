import Foundation
import JobStore
import OCR
import TestSupport
import Testing

/// Issue 14, item 7: a page whose reading lacks the total, or whose checks fail on a photo,
/// is doubtful; other readings are tried and the extractor's judgement picks the one kept.
/// Unprepared, this photo's first reading has the labels and none of the amounts: read again
/// as one block of text (psm 6), each amount is on its label's line. Prepared, the first
/// reading has the amounts in a column of their own after the labels, and the extractor
/// takes the first item's 64.000 for the total, which the cash and change contradict: its
/// words rebuilt into lines by their baselines put each amount beside its label.
@Suite struct SecondReadingResultTests {
    static let photo = "\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/photo-receipt-vi.jpg"

    @Test(arguments: [(PagePreparationMode.off, "second: psm 6"), (.auto, "first, lines rebuilt from word boxes")])
    func aReceiptReadWithoutItsTotal_getsItFromAnotherReading(preparation: PagePreparationMode, kept: String) async throws {
        let once = try await ReadingResult.of(Self.photo, filename: "receipt.jpg", preparation: preparation, secondReading: false)
        #expect(once.invoice.totalAmount != 99000)
        #expect(once.pageDetails["reading"] as? String == "first")

        let twice = try await ReadingResult.of(Self.photo, filename: "receipt.jpg", preparation: preparation)
        #expect(twice.invoice.totalAmount == 99000)
        #expect((twice.pageDetails["reading"] as? String)?.hasPrefix(kept) == true, "\(twice.pageDetails)")
    }
}
