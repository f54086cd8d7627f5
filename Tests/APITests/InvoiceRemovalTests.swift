import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 13, item 5: a finished invoice can be removed (a wrong or hostile reading), and
/// with it its search entry, the jobs that read it and their results; never the original.
@Suite struct InvoiceRemovalTests {
    @Test func delete_removesTheInvoiceItsJobAndResult_keepsTheOriginal() async throws {
        let f = try APIFixture()
        let poisoned = try f.invoice("poison.xml") {
            $0.sellerName = "CÔNG TY ĐIỆN LỰC HOÀN KIẾM"; $0.totalAmount = 1e300; $0.currency = "VND"; $0.rawText = "dien luc"
        }
        let kept = try f.invoice("kept.png") { $0.sellerName = "Blue Harbor Trading"; $0.totalAmount = 12.5; $0.currency = "USD" }
        let job = try #require(try f.store.allJobs().first { $0.filename == "poison.xml" })
        let result = try #require(job.resultPath)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: result))
        try FileManager.default.createDirectory(atPath: (job.filepath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("<HDon/>".utf8).write(to: URL(fileURLWithPath: job.filepath))

        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/invoices/\(poisoned)", method: .delete)
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["jobs"] as? [String] == [job.id])
            #expect(body["originals_kept"] as? [String] == [job.filepath])
            #expect(try await client.execute(uri: "/api/invoices/\(poisoned)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/invoices/\(poisoned)", method: .delete).status == .notFound)
            #expect(try await client.execute(uri: "/api/invoices/0", method: .delete).status == .badRequest)
            #expect(try await client.execute(uri: "/api/invoices/abc", method: .delete).status == .badRequest)
            let search = try json(try await client.execute(uri: "/api/search?q=dien%20luc", method: .get))
            #expect((search["items"] as? [Any])?.isEmpty == true, "\(search)")
            let list = try json(try await client.execute(uri: "/api/invoices/list", method: .get))
            #expect((list["items"] as? [[String: Any]])?.compactMap { ($0["id"] as? NSNumber)?.int64Value } == [kept])
        }
        #expect(try f.store.job(id: job.id) == nil)
        #expect(!FileManager.default.fileExists(atPath: result))
        #expect(FileManager.default.fileExists(atPath: job.filepath))
        let sums = try await f.store.aggregateInvoices(InvoiceQuery(), by: .none)
        #expect(sums.map(\.currency) == ["USD"])
    }
}
