import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import JobStoreTestSupport
import TestSupport
import Testing

/// Issue 16: the invoice page shows the original beside the fields. Each page of the
/// archived file comes as a PNG at most 1400 px wide: an image as it is (scaled), a PDF's
/// pages rendered; a page it does not have, an original no longer there, or a symlink put
/// in its place is a 404, never a file from elsewhere.
@Suite struct PageImageRouteTests {
    /// An invoice whose job archived a copy of `source` (with `pages` pages).
    func archived(_ f: APIFixture, _ source: String, name: String, pages: Int) throws -> (Int64, String) {
        let id = try f.queuedJob(name)
        while try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != id {}
        let path = f.layout.archivePath(id: id, filename: name, date: Date())
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        let invoice = Invoice(jobId: id, filename: name, rawText: "", createdAt: Date())
        let invoiceId = try f.store.completeForTest(jobId: id, invoice: invoice, pages: pages, resultPath: f.layout.resultPath(id: id),
                                             archivePath: path, now: Date())
        return (invoiceId, path)
    }

    /// Width and height from a PNG's IHDR.
    func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    @Test func anImageAndEachPageOfAPDF_comeAsPNGs_atMost1400Wide() async throws {
        let f = try APIFixture()
        let (scan, _) = try archived(f, Fixtures.invoice("vat-bilingual-02"), name: "scan.png", pages: 1)
        let (pdf, _) = try archived(f, "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats/scanned-2pages.pdf", name: "two.pdf", pages: 2)
        try await f.app.test(.router) { client in
            for (invoice, page) in [(scan, 1), (pdf, 1), (pdf, 2)] {
                let response = try await client.execute(uri: "/api/invoices/\(invoice)/pages/\(page)", method: .get)
                #expect(response.status == .ok, "\(invoice)/\(page): \(String(buffer: response.body).prefix(200))")
                #expect(response.headers[.contentType] == "image/png")
                let size = try #require(pngSize(Array(response.body.readableBytesView)), "\(invoice)/\(page) is no PNG")
                #expect(size.0 <= 1400 && size.0 >= 600 && size.1 > size.0, "\(invoice)/\(page): \(size)")
            }
            #expect(try await client.execute(uri: "/api/invoices/\(pdf)/pages/3", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/invoices/\(scan)/pages/0", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/invoices/\(scan)/pages/x", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/invoices/999/pages/1", method: .get).status == .notFound)
        }
    }

    @Test func aSymlinkInPlaceOfTheOriginal_orNoOriginal_isA404() async throws {
        let f = try APIFixture()
        let (linked, path) = try archived(f, Fixtures.invoice("vat-bilingual-02"), name: "scan.png", pages: 1)
        let secret = f.dir.appending("secret.png")
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-01"), toPath: secret)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: secret)
        let (gone, gonePath) = try archived(f, Fixtures.invoice("water-01"), name: "gone.png", pages: 1)
        try FileManager.default.removeItem(atPath: gonePath)
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/invoices/\(linked)/pages/1", method: .get)
            #expect(response.status == .notFound)
            #expect(String(buffer: response.body).contains("not in the archive"))
            #expect(try await client.execute(uri: "/api/invoices/\(gone)/pages/1", method: .get).status == .notFound)
        }
    }
}
