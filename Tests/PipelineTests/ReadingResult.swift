import Foundation
import JobStore
import JobStoreTestSupport
import OCR
@testable import Pipeline
import TestSupport
import Testing

/// What the pipeline made of one file, read by the daemon's default reader (Vietnamese
/// first) with the given preparation and second-reading settings.
struct ReadingResult {
    /// `ocr.page_details[0]` of the result JSON.
    var pageDetails: [String: Any]
    /// The stored invoice row.
    var invoice: Invoice

    struct NotDone: Error { let outcome: String }

    static func of(_ path: String, filename: String, preparation: PagePreparationMode = .auto,
                   secondReading: Bool = true) async throws -> ReadingResult {
        let f = try PipelineFixture()
        let id = try f.enqueue(path: path, filename: filename)
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread {
            let reader = try DocumentReader(languages: "vie+eng", vietnameseFirst: true, dataPath: nil, maxMegapixels: 60,
                                            maxPages: 5, pageTimeout: 60, preparation: preparation, secondReading: secondReading)
            return f.processor().process(job, reader: reader, shouldCancel: { false })
        }
        guard case let .done(invoiceId) = outcome else { throw NotDone(outcome: "\(outcome)") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.layout.resultPath(id: id)))) as! [String: Any]
        let details = try #require(((json["ocr"] as? [String: Any])?["page_details"] as? [[String: Any]])?.first)
        return ReadingResult(pageDetails: details, invoice: try #require(try f.store.invoice(id: invoiceId)))
    }
}
