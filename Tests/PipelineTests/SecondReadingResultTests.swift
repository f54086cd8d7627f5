import Foundation
import JobStore
import OCR
import TestSupport
import Testing

/// Issue 14, item 7: a page whose reading lacks the total is read a second time, and the
/// extractor's judgement picks the reading kept. Unprepared, this photo's first reading has
/// the labels and none of the amounts; prepared, it has the amounts in a column of their
/// own after the labels, and the extractor takes the first item's 64.000 for the total,
/// which the cash and change contradict (a failed check on a photo is doubtful too). Read
/// as one block of text, each amount stays on its label's line.
@Suite struct SecondReadingResultTests {
    static let photo = "\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/photo-receipt-vi.jpg"

    @Test(arguments: [PagePreparationMode.off, .auto])
    func aReceiptReadWithoutItsTotal_getsItFromTheSecondReading(preparation: PagePreparationMode) async throws {
        let once = try await ReadingResult.of(Self.photo, filename: "receipt.jpg", preparation: preparation, secondReading: false)
        #expect(once.invoice.totalAmount != 99000)
        #expect(once.pageDetails["reading"] as? String == "first")

        let twice = try await ReadingResult.of(Self.photo, filename: "receipt.jpg", preparation: preparation)
        #expect(twice.invoice.totalAmount == 99000)
        #expect((twice.pageDetails["reading"] as? String)?.hasPrefix("second: psm 6") == true, "\(twice.pageDetails)")
    }
}
