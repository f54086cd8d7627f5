import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 16: the invoices page's search box searches among what its filters select, a page
/// at a time, and its sums follow the search.
@Suite struct SearchFiltersRouteTests {
    func seeded() throws -> (APIFixture, [Int64]) {
        let f = try APIFixture()
        var ids: [Int64] = []
        for month in 1...5 {
            ids.append(try f.invoice("dien-\(month).png") {
                $0.sellerName = "CÔNG TY ĐIỆN LỰC GIA ĐỊNH"
                $0.invoiceType = "electricity"
                $0.invoiceDate = "2026-0\(month)-15"
                $0.totalAmount = Double(month) * 100_000
                $0.currency = "VND"
            })
        }
        ids.append(try f.invoice("nuoc.png") { $0.sellerName = "CẤP NƯỚC GIA ĐỊNH"; $0.invoiceType = "water"; $0.invoiceDate = "2026-03-20"; $0.totalAmount = 50_000; $0.currency = "VND" })
        return (f, ids)
    }

    func hits(_ client: some TestClientProtocol, _ query: String) async throws -> ResourcePage<APIWire.SearchHit> {
        let response = try await client.execute(uri: "/api/search?\(query)", method: .get)
        #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
        return try WireJSON.decoder().decode(ResourcePage<APIWire.SearchHit>.self, from: Data(response.body.readableBytesView))
    }

    @Test func theFilters_narrowTheSearch_andItPages() async throws {
        let (f, ids) = try seeded()
        try await f.app.test(.router) { client in
            #expect(try await hits(client, "q=gia%20dinh").items.count == 6)
            #expect(try await hits(client, "q=gia%20dinh&type=water").items.map(\.invoice.id) == [ids[5]])
            let spring = try await hits(client, "q=gia%20dinh&type=electricity&from=2026-02-01&to=2026-04-30")
            #expect(spring.items.map(\.invoice.id) == [ids[3], ids[2], ids[1]])
            #expect(spring.items.allSatisfy { $0.snippet?.contains("<mark>") == true })
            var seen: [Int64] = []
            var cursor: String?
            repeat {
                let page = try await hits(client, "q=dien%20luc&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                seen += page.items.map(\.invoice.id)
                cursor = page.nextCursor
            } while cursor != nil && seen.count < 10
            #expect(seen == Array(ids[0..<5].reversed()), "every electricity invoice once, newest first")
            #expect(try await client.execute(uri: "/api/search?q=x&cursor=abc", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/search?q=x&from=soon", method: .get).status == .badRequest)
        }
    }

    @Test func theSums_followTheSearch() async throws {
        let (f, _) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/invoices/sums?q=dien%20luc&min_total=300000", method: .get)
            let sums = try WireJSON.decoder().decode(InvoiceSums.self, from: Data(response.body.readableBytesView))
            #expect(sums.invoices == 3)
            #expect(sums.currencies.first?.totalAmount == 1_200_000)
        }
    }
}
