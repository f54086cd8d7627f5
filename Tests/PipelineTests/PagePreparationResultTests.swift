import Foundation
import JobStore
import OCR
import TestSupport
import Testing

/// Issue 14, item 6: the result JSON says, page by page, what was done to the image before
/// it was read.
@Suite struct PagePreparationResultTests {
    @Test func aPhoto_saysHowItWasPrepared_andItsTotalIsInTheText() async throws {
        let result = try await ReadingResult.of("\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/photo-receipt-vi.jpg",
                                                filename: "receipt.jpg")
        let steps = result.pageDetails["preparation"] as? [String] ?? []
        #expect(steps.contains("cropped to the paper") && steps.contains("background normalised"), "\(steps)")
        #expect(result.invoice.rawText.contains("99.000"))
    }

    @Test func aCleanScan_hasNoPreparation_andIsReadOnce() async throws {
        let result = try await ReadingResult.of(Fixtures.invoice("vat-bilingual-02"), filename: "scan.png")
        #expect(result.pageDetails["preparation"] as? [String] == [])
        #expect(result.pageDetails["reading"] as? String == "first")
    }
}
