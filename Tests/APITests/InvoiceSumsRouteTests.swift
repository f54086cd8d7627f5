import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 16: the invoices page shows, under its filter, how many invoices it selects and
/// their sums per currency: the same filter as the list, sums exact to the cent, đồng never
/// added to dollars, an invoice without a total counted but not summed.
@Suite struct InvoiceSumsRouteTests {
    func seeded() throws -> APIFixture {
        let f = try APIFixture()
        try f.invoice("a.png") { $0.currency = "VND"; $0.totalAmount = 1_080_000.10; $0.vatAmount = 80_000; $0.invoiceType = "electricity"; $0.invoiceDate = "2026-10-05" }
        try f.invoice("b.png") { $0.currency = "VND"; $0.totalAmount = 1_080_000.20; $0.vatAmount = 80_000; $0.invoiceType = "water"; $0.invoiceDate = "2026-11-05" }
        try f.invoice("c.png") { $0.currency = "USD"; $0.totalAmount = 12.5; $0.invoiceType = "service"; $0.invoiceDate = "2026-10-20"; $0.needsReview = true }
        try f.invoice("d.png") { $0.currency = "VND"; $0.invoiceType = "retail"; $0.invoiceDate = "2026-10-21" }
        return f
    }

    func sums(_ client: some TestClientProtocol, _ query: String) async throws -> InvoiceSums {
        let response = try await client.execute(uri: "/api/invoices/sums\(query)", method: .get)
        #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
        return try WireJSON.decoder().decode(InvoiceSums.self, from: Data(response.body.readableBytesView))
    }

    @Test func everything_isSummedPerCurrency_toTheCent() async throws {
        let f = try seeded()
        try await f.app.test(.router) { client in
            let all = try await sums(client, "")
            #expect(all.invoices == 4)
            #expect(all.currencies.map(\.currency) == ["USD", "VND"])
            let vnd = try #require(all.currencies.last)
            #expect(vnd.invoices == 3 && vnd.invoicesWithTotal == 2)
            #expect(vnd.totalAmount == 2_160_000.30)
            #expect(vnd.vatAmount == 160_000)
            #expect(all.currencies.first?.totalAmount == 12.5)
        }
    }

    @Test func theListsFilters_selectTheSameInvoices() async throws {
        let f = try seeded()
        try await f.app.test(.router) { client in
            let october = try await sums(client, "?from=2026-10-01&to=2026-10-31")
            #expect(october.invoices == 3)
            #expect(october.currencies.first { $0.currency == "VND" }?.totalAmount == 1_080_000.10)
            #expect(try await sums(client, "?type=water").invoices == 1)
            #expect(try await sums(client, "?needs_review=true").currencies.map(\.currency) == ["USD"])
            #expect(try await sums(client, "?min_total=1000000").invoices == 2)
            #expect(try await client.execute(uri: "/api/invoices/sums?from=yesterday", method: .get).status == .badRequest)
            // A day that does not exist is refused by the rule a corrected date follows, on every route.
            for route in ["/api/invoices/sums", "/api/invoices/list", "/api/search?q=x&"] {
                let separator = route.hasSuffix("&") ? "" : "?"
                #expect(try await client.execute(uri: "\(route)\(separator)to=2026-02-30", method: .get).status == .badRequest, "\(route)")
            }
        }
    }
}
