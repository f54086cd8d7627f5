import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// Issue 16, "corrections teach the daemon": suppliers whose e-invoices carry their name
/// without diacritics. The first invoice of each is read as printed, and corrected by a
/// person through the API; the next four of each seller then come out with the name as the
/// person wrote it, saying so in their checks. Through the real daemon and its socket.
@Suite struct CorrectionsTeachEndToEndTests {
    struct Supplier {
        var taxCode: String
        var printed: String
        var written: String
    }

    static let suppliers = [
        Supplier(taxCode: "0100233488", printed: "CONG TY TNHH THUONG MAI HOA BINH", written: "CÔNG TY TNHH THƯƠNG MẠI HÒA BÌNH"),
        Supplier(taxCode: "0300588569", printed: "CONG TY CO PHAN DIEN TU SAO VIET", written: "CÔNG TY CỔ PHẦN ĐIỆN TỬ SAO VIỆT"),
        Supplier(taxCode: "0101243150", printed: "CONG TY TNHH DICH VU NUOC SACH DONG A", written: "CÔNG TY TNHH DỊCH VỤ NƯỚC SẠCH ĐÔNG Á"),
    ]

    /// The committed e-invoice with `supplier`'s name and tax code and its own number.
    static func einvoice(_ supplier: Supplier, number: Int) throws -> String {
        let template = try String(contentsOfFile: "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats/einvoice.xml", encoding: .utf8)
        return template
            .replacingOccurrences(of: "<Ten>CÔNG TY TNHH THƯƠNG MẠI HÒA BÌNH</Ten>", with: "<Ten>\(supplier.printed)</Ten>")
            .replacingOccurrences(of: "<MST>0100233488</MST>", with: "<MST>\(supplier.taxCode)</MST>")
            .replacingOccurrences(of: "<SHDon>00001234</SHDon>", with: "<SHDon>\(String(format: "%08d", number))</SHDon>")
    }

    func drop(_ supplier: Int, number: Int, into daemon: DaemonProcess) throws {
        let text = try Self.einvoice(Self.suppliers[supplier], number: number)
        let staging = daemon.dir.appending("staging-\(supplier)-\(number).xml")
        try text.write(toFile: staging, atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: staging, toPath: "\(daemon.inbox)/seller\(supplier)-\(number).xml")
    }

    func invoices(_ daemon: DaemonProcess) async throws -> [Row] {
        try await daemon.database().read { db in
            try Row.fetchAll(db, sql: "SELECT id, seller_tax_code, seller_name, invoice_number, checks_json FROM invoices ORDER BY id")
        }
    }

    func correct(_ id: Int64, sellerName: String, on daemon: DaemonProcess) async throws -> HTTPResponseStatus {
        var request = HTTPClientRequest(url: URL(httpURLWithSocketPath: daemon.socket, uri: "/api/invoices/\(id)")!.absoluteString)
        request.method = .PATCH
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["seller_name": sellerName])))
        return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status
    }

    @Test func aCorrectedFirstInvoice_namesTheSellersNextFour() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: ["INVOICED_INBOX_SETTLE_MS": "100"])
        try await daemon.waitUntilReady()
        for supplier in Self.suppliers.indices { try drop(supplier, number: supplier * 10 + 1, into: daemon) }
        #expect(try await waitUntil(timeout: 120) { try daemon.statusCounts()["done"] == 3 }, "log:\n\(daemon.log.suffix(3000))")

        let first = try await invoices(daemon)
        #expect(first.count == 3)
        for row in first {
            let supplier = try #require(Self.suppliers.first { $0.taxCode == row["seller_tax_code"] })
            #expect(row["seller_name"] as String? == supplier.printed, "before any correction, the name is read as printed")
            #expect(try await correct(row["id"], sellerName: supplier.written, on: daemon) == .ok)
            let id: Int64 = row["id"]
            let editor = try await daemon.database().read { db in try String.fetchOne(db, sql: "SELECT edited_by FROM invoice_edits WHERE invoice_id = ?", arguments: [id]) }
            #expect(editor == (getuid() == 0 ? "root" : NSUserName()), "the caller's login, from the socket, is who corrected it")
        }

        for supplier in Self.suppliers.indices {
            for number in 2...5 { try drop(supplier, number: supplier * 10 + number, into: daemon) }
        }
        #expect(try await waitUntil(timeout: 300) { try daemon.statusCounts()["done"] == 15 }, "log:\n\(daemon.log.suffix(3000))")
        let next = try await invoices(daemon).dropFirst(3)
        #expect(next.count == 12)
        for row in next {
            let supplier = try #require(Self.suppliers.first { $0.taxCode == row["seller_tax_code"] })
            #expect(row["seller_name"] as String? == supplier.written, "invoice \(row["invoice_number"] as String? ?? "?")")
            let checks = try JSONSerialization.jsonObject(with: Data(((row["checks_json"] as String?) ?? "{}").utf8)) as? [String: Any]
            #expect(checks?["seller_from_supplier_profile"] as? Bool == true)
        }
        await daemon.stop()
    }
}
