import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 16: the review queue walks the invoices that need review lowest score first (one
/// without a score before all), page by page, none twice and none left out.
@Suite struct ReviewQueueOrderTests {
    @Test func needsReview_byScore_lowestFirst_acrossPages() async throws {
        let f = try APIFixture()
        let scores: [Double?] = [0.7, nil, 0.3, 0.95, 0.3, 0.55, nil]
        var ids: [Int64] = []
        for (index, score) in scores.enumerated() {
            ids.append(try f.invoice("\(index).png") { $0.confidenceScore = score; $0.needsReview = score.map { $0 < 0.9 } ?? true })
        }
        // Missing scores first (oldest first among equals), then 0.3, 0.3, 0.55, 0.7; 0.95 needs no review.
        let expected = [ids[1], ids[6], ids[2], ids[4], ids[5], ids[0]]
        try await f.app.test(.router) { client in
            var seen: [Int64] = []
            var cursor: String?
            repeat {
                let uri = "/api/invoices/list?needs_review=true&order=score&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let page = try WireJSON.decoder().decode(ResourcePage<InvoiceResource>.self, from: Data(response.body.readableBytesView))
                seen += page.items.map(\.id)
                cursor = page.nextCursor?.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            } while cursor != nil && seen.count < 20
            #expect(seen == expected)
            #expect(try await client.execute(uri: "/api/invoices/list?order=price", method: .get).status == .badRequest)
        }
    }
}
