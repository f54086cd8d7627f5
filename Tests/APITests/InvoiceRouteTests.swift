import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

@Suite struct InvoiceRouteTests {
    /// Three invoices: an electricity bill, a VAT invoice, and an English one.
    func seeded() throws -> (APIFixture, [Int64]) {
        let f = try APIFixture()
        let power = try f.invoice("power.png") {
            $0.invoiceType = "electricity"; $0.sellerName = "CÔNG TY ĐIỆN LỰC HOÀN KIẾM"; $0.invoiceDate = "2026-10-05"
            $0.totalAmount = 1_080_000; $0.currency = "VND"; $0.invoiceCode = "1C26TAA-00000123"
            $0.rawText = "HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)\nCÔNG TY ĐIỆN LỰC HOÀN KIẾM\nTổng cộng tiền thanh toán: 1.080.000"
            $0.checksJson = #"{"sum_matches":true}"#
        }
        let vat = try f.invoice("vat.png") {
            $0.invoiceType = "general"; $0.sellerName = "=HYPERLINK(\"x\"), Công ty \"Sao\""; $0.invoiceDate = "2026-11-20"
            $0.totalAmount = 5_500_000; $0.currency = "VND"; $0.rawText = "CÔNG TY TNHH SAO VIỆT\nThép cuộn"
        }
        let english = try f.invoice("en.png") {
            $0.invoiceType = "general"; $0.sellerName = "Blue Harbor Trading"; $0.invoiceDate = "2026-09-01"
            $0.totalAmount = 286.67; $0.currency = "USD"; $0.rawText = "INVOICE Blue Harbor Trading Total Due $286.67"
        }
        return (f, [power, vat, english])
    }

    @Test func list_filtersByTypeSellerDatesAndTotals() async throws {
        let (f, ids) = try seeded()
        try await f.app.test(.router) { client in
            func idsOf(_ uri: String) async throws -> [Int64] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                return (try json(response)["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            }
            do { let got = try await idsOf("/api/invoices/list"); #expect(got == ids.reversed(), "/api/invoices/list") }
            do { let got = try await idsOf("/api/invoices/list?type=electricity"); #expect(got == [ids[0]], "/api/invoices/list?type=electricity") }
            do { let got = try await idsOf("/api/invoices/list?seller=dien%20luc"); #expect(got == [ids[0]], "/api/invoices/list?seller=dien%20luc") }
            do { let got = try await idsOf("/api/invoices/list?from=2026-10-01&to=2026-10-31"); #expect(got == [ids[0]], "/api/invoices/list?from=2026-10-01&to=2026-10-31") }
            do { let got = try await idsOf("/api/invoices/list?min_total=1000000"); #expect(got == [ids[1], ids[0]], "/api/invoices/list?min_total=1000000") }
            do { let got = try await idsOf("/api/invoices/list?max_total=300"); #expect(got == [ids[2]], "/api/invoices/list?max_total=300") }
            do { let got = try await idsOf("/api/invoices/list?seller=%25"); #expect(got == [], "/api/invoices/list?seller=%25") }
            for bad in ["/api/invoices/list?from=05/10/2026", "/api/invoices/list?min_total=lots", "/api/invoices/list?cursor=x"] {
                let status = try await client.execute(uri: bad, method: .get).status
                #expect(status == .badRequest, "\(bad)")
            }
        }
    }

    /// With dates, a list goes by invoice date, latest first (ties newest recorded first),
    /// and its pages, one invoice each, give every invoice of the range once.
    @Test func list_withDates_goesByInvoiceDate_andPagesEachOnce() async throws {
        let (f, ids) = try seeded()
        let sameDay = try f.invoice("same-day.png") { $0.invoiceType = "general"; $0.invoiceDate = "2026-10-05" }
        let outside = try f.invoice("outside.png") { $0.invoiceType = "general"; $0.invoiceDate = "2025-01-01" }
        try await f.app.test(.router) { client in
            func page(_ uri: String) async throws -> (ids: [Int64], next: String?) {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let object = try json(response)
                return ((object["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value },
                        object["next_cursor"] as? String)
            }
            let whole = try await page("/api/invoices/list?from=2026-01-01&to=2026-12-31")
            // 2026-11-20, then 2026-10-05 twice (the later recorded first), then 2026-09-01.
            #expect(whole.ids == [ids[1], sameDay, ids[0], ids[2]])
            #expect(!whole.ids.contains(outside))
            var paged: [Int64] = []
            var cursor: String?
            repeat {
                let uri = "/api/invoices/list?from=2026-01-01&to=2026-12-31&limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let next = try await page(uri)
                paged += next.ids
                cursor = next.next
            } while cursor != nil && paged.count < 10
            #expect(paged == whole.ids)
            let typed = try await page("/api/invoices/list?type=general&from=2026-01-01&to=2026-12-31")
            #expect(typed.ids == [ids[1], sameDay, ids[2]])
            // A cursor of a list in recording order is not one of a list by date.
            let status = try await client.execute(uri: "/api/invoices/list?from=2026-01-01&cursor=\(ids[1])", method: .get).status
            #expect(status == .badRequest)
        }
    }

    @Test func detail_hasEveryFieldTheChecksAndTheJob() async throws {
        let (f, ids) = try seeded()
        try await f.app.test(.router) { client in
            let invoice = try json(try await client.execute(uri: "/api/invoices/\(ids[0])", method: .get))
            #expect(invoice["seller_name"] as? String == "CÔNG TY ĐIỆN LỰC HOÀN KIẾM")
            #expect((invoice["checks"] as? [String: Any])?["sum_matches"] as? Bool == true)
            #expect((invoice["job"] as? [String: Any])?["status"] as? String == "done")
            #expect(invoice["buyer_name"] is NSNull)
            do { let status = try await client.execute(uri: "/api/invoices/999", method: .get).status; #expect(status == .notFound) }
            do { let status = try await client.execute(uri: "/api/invoices/abc", method: .get).status; #expect(status == .badRequest) }
        }
    }

    @Test func csvExport_hasABOM_quotesFields_andDisarmsFormulas() async throws {
        let (f, _) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/invoices/export.csv?currency=VND", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("id,job_id,filename,invoice_type"))
            #expect(text.contains("CÔNG TY ĐIỆN LỰC HOÀN KIẾM"))
            #expect(text.contains(#""'=HYPERLINK(""x""), Công ty ""Sao""""#))
            #expect(text.contains(",1080000,"))
            let filtered = try await client.execute(uri: "/api/invoices/export.csv?type=electricity", method: .get)
            #expect(String(buffer: filtered.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        }
    }

    @Test func search_foldsDiacriticsAndD_ranks_andHighlights() async throws {
        let (f, ids) = try seeded()
        try await f.app.test(.router) { client in
            let result = try json(try await client.execute(uri: "/api/search?q=dien%20luc", method: .get))
            let items = result["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { ($0["id"] as? NSNumber)?.int64Value } == [ids[0]])
            let snippet = try #require(items.first?["snippet"] as? String)
            #expect(snippet.contains("<mark>ĐIỆN</mark> <mark>LỰC</mark>"))
            let vietnamese = try json(try await client.execute(uri: "/api/search?q=\("thép".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get))
            #expect((vietnamese["items"] as? [Any])?.count == 1)
            let hostile = try await client.execute(uri: "/api/search?q=%22%29%20OR%20*%20NEAR(", method: .get)
            #expect(hostile.status == .ok)
            do { let status = try await client.execute(uri: "/api/search", method: .get).status; #expect(status == .badRequest) }
            do { let status = try await client.execute(uri: "/api/search?q=" + String(repeating: "a", count: 600), method: .get).status; #expect(status == .badRequest) }
        }
    }

    @Test func metrics_exposeJobsByStatusInPrometheusFormat() async throws {
        let (f, _) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("invoiced_jobs{status=\"done\"} 3"))
            #expect(text.contains("invoiced_queue_depth 0"))
        }
    }
}
