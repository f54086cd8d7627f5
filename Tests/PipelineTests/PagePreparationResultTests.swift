import Foundation
import JobStore
import OCR
@testable import Pipeline
import TestSupport
import Testing

/// Issue 14, item 6: the result JSON says, page by page, what was done to the image before
/// it was read.
@Suite struct PagePreparationResultTests {
    func pageDetails(of path: String, filename: String) async throws -> (details: [String: Any], text: String) {
        let f = try PipelineFixture()
        let id = try f.enqueue(path: path, filename: filename)
        let job = try #require(try f.store.claimNext(now: Date(), lease: 60))
        // The daemon's default reader: Vietnamese first, photos prepared.
        let outcome = try await onOwnThread {
            let reader = try DocumentReader(languages: "vie+eng", vietnameseFirst: true, dataPath: nil, maxMegapixels: 60,
                                            maxPages: 5, pageTimeout: 60, preparation: f.settings.preparation)
            return f.processor().process(job, reader: reader, shouldCancel: { false })
        }
        guard case let .done(invoiceId) = outcome else { throw OutcomeError(outcome: "\(outcome)") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.layout.resultPath(id: id)))) as! [String: Any]
        let details = try #require(((json["ocr"] as? [String: Any])?["page_details"] as? [[String: Any]])?.first)
        return (details, try #require(try f.store.invoice(id: invoiceId)).rawText)
    }

    struct OutcomeError: Error { let outcome: String }

    @Test func aPhoto_saysHowItWasPrepared_andItsTotalIsInTheText() async throws {
        let (details, text) = try await pageDetails(of: "\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/photo-receipt-vi.jpg",
                                                    filename: "receipt.jpg")
        let steps = details["preparation"] as? [String] ?? []
        #expect(steps.contains("cropped to the paper") && steps.contains("background normalised"), "\(steps)")
        #expect(text.contains("99.000"))
    }

    @Test func aCleanScan_hasNoPreparation() async throws {
        let (details, _) = try await pageDetails(of: Fixtures.invoice("vat-bilingual-02"), filename: "scan.png")
        #expect(details["preparation"] as? [String] == [])
    }
}
