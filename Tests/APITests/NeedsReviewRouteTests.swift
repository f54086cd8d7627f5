import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 14: the invoices a person should look at are in the invoice JSON, filtered by
/// `GET /api/invoices/list?needs_review=`, counted by `GET /api/stats`, and a filter value
/// that is neither true nor false is a 400, not a silently unfiltered list.
@Suite struct NeedsReviewRouteTests {
    func seeded() throws -> (APIFixture, certain: Int64, doubtful: Int64, contradicting: Int64) {
        let f = try APIFixture()
        let certain = try f.invoice("certain.xml") { $0.confidenceScore = 1.0; $0.invoiceType = "general" }
        let doubtful = try f.invoice("doubtful.jpg") { $0.confidenceScore = 0.45; $0.needsReview = true; $0.invoiceType = "retail" }
        let contradicting = try f.invoice("contradicting.png") {
            $0.confidenceScore = 0.9; $0.checksFailed = true; $0.needsReview = true; $0.invoiceType = "general"
        }
        return (f, certain, doubtful, contradicting)
    }

    @Test func list_filtersOnNeedsReview_andEachInvoiceSaysIt() async throws {
        let (f, certain, doubtful, contradicting) = try seeded()
        try await f.app.test(.router) { client in
            func items(_ uri: String) async throws -> [[String: Any]] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                return try json(response)["items"] as? [[String: Any]] ?? []
            }
            func ids(_ items: [[String: Any]]) -> [Int64] { items.compactMap { ($0["id"] as? NSNumber)?.int64Value } }
            let all = try await items("/api/invoices/list")
            #expect(ids(all) == [contradicting, doubtful, certain])
            #expect(all.map { $0["needs_review"] as? Bool } == [true, true, false])
            #expect(ids(try await items("/api/invoices/list?needs_review=true")) == [contradicting, doubtful])
            #expect(ids(try await items("/api/invoices/list?needs_review=false")) == [certain])
            #expect(ids(try await items("/api/invoices/list?needs_review=true&type=general")) == [contradicting])
            let one = try json(try await client.execute(uri: "/api/invoices/\(doubtful)", method: .get))
            #expect(one["needs_review"] as? Bool == true)
            let csv = String(buffer: try await client.execute(uri: "/api/invoices/export.csv?needs_review=true", method: .get).body)
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3 && lines[0].hasSuffix(",needs_review") && lines.dropFirst().allSatisfy { $0.hasSuffix(",true") })
        }
    }

    @Test(arguments: ["maybe", "TRUE", "1", "yes", "tru"])
    func aValueThatIsNeitherTrueNorFalse_isA400SayingSo(value: String) async throws {
        let (f, _, _, _) = try seeded()
        try await f.app.test(.router) { client in
            for path in ["/api/invoices/list", "/api/invoices/export.csv"] {
                let response = try await client.execute(uri: "\(path)?needs_review=\(value)", method: .get)
                #expect(response.status == .badRequest, "\(path)")
                #expect(try json(response)["error"] as? String == "needs_review must be true or false, not '\(value)'")
            }
        }
    }

    @Test func stats_countTheInvoicesThatNeedReview() async throws {
        let (f, _, doubtful, _) = try seeded()
        try await f.app.test(.router) { client in
            var stats = try json(try await client.execute(uri: "/api/stats", method: .get))
            #expect(stats["invoices"] as? Int == 3)
            #expect(stats["needs_review"] as? Int == 2)
            let removed = try await client.execute(uri: "/api/invoices/\(doubtful)", method: .delete)
            #expect(removed.status == .ok)
            stats = try json(try await client.execute(uri: "/api/stats", method: .get))
            #expect(stats["needs_review"] as? Int == 1)
        }
    }
}
