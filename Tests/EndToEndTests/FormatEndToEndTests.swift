import Foundation
import GRDB
import TestSupport
import Testing

/// What scanners and suppliers really send (issue 6), from the inbox to the result JSON
/// and the database, through the real daemon.
@Suite struct FormatEndToEndTests {
    static let formats = "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats"

    struct Outcome {
        var status: String
        var error: String?
        var invoiceId: Int64?
        var result: [String: Any]
    }

    /// Drops the named fixtures, waits until each has ended, and returns what became of them.
    func process(_ names: [String]) async throws -> (DaemonProcess, [String: Outcome]) {
        let daemon = try DaemonProcess(environment: ["INVOICED_INBOX_SETTLE_MS": "100", "INVOICED_OCR_MAX_PAGES": "20"])
        try await daemon.waitUntilReady()
        for name in names { try FileManager.default.copyItem(atPath: "\(Self.formats)/\(name)", toPath: "\(daemon.inbox)/\(name)") }
        let ended = try await waitUntil(timeout: 300) {
            let counts = try daemon.statusCounts()
            return (counts["done"] ?? 0) + (counts["failed"] ?? 0) == names.count
        }
        #expect(ended, "log:\n\(daemon.log.suffix(3000))")
        let rows = try await daemon.database().read { db in
            try Row.fetchAll(db, sql: "SELECT id, filename, status, error_message, invoice_id FROM ocr_jobs")
        }
        var outcomes: [String: Outcome] = [:]
        for row in rows {
            let id: String = row["id"]
            let resultPath = "\(daemon.dataDir)/results/\(id).json"
            let result = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: resultPath)))) as? [String: Any] ?? [:]
            outcomes[row["filename"]] = Outcome(status: row["status"], error: row["error_message"], invoiceId: row["invoice_id"], result: result)
        }
        return (daemon, outcomes)
    }

    func methods(_ outcome: Outcome?) -> [String] {
        ((outcome?.result["ocr"] as? [String: Any])?["page_details"] as? [[String: Any]] ?? []).compactMap { $0["method"] as? String }
    }

    @Test func multiPageScans_textLayerPDF_rotatedPage_andHostileDocuments() async throws {
        let (daemon, outcomes) = try await process(["multipage.tif", "scanned-2pages.pdf", "born-digital.pdf", "rotated-90.png", "exif-rotated.jpg",
                                                    "encrypted.pdf", "page-bomb.pdf", "xxe.xml", "expansion-bomb.xml"])
        // Every page of a multi-page TIFF and of a scanned PDF is read, as one invoice each.
        let tiff = try #require(outcomes["multipage.tif"])
        #expect(tiff.status == "done")
        #expect(methods(tiff) == ["ocr", "ocr", "ocr"])
        #expect((tiff.result["ocr"] as? [String: Any])?["pages"] as? Int == 3)
        let tiffText = (tiff.result["ocr"] as? [String: Any])?["text"] as? String ?? ""
        for fixture in ["vat-twocol-02", "water-01", "telecom-02"] {
            #expect(missingWords(try Fixtures.expected(fixture).words, in: tiffText).count <= 1, "\(fixture) page")
        }
        let scanned = try #require(outcomes["scanned-2pages.pdf"])
        #expect(scanned.status == "done")
        #expect(methods(scanned) == ["ocr", "ocr"])
        // A born-digital PDF is read from its text layer: exact, diacritics and all.
        let digital = try #require(outcomes["born-digital.pdf"])
        #expect(methods(digital) == ["text_layer"])
        let invoice = digital.result["invoice"] as? [String: Any] ?? [:]
        #expect(invoice["total_amount"] as? Double == 13_500_000)
        #expect(invoice["seller_name"] as? String == "CÔNG TY TNHH THƯƠNG MẠI HÒA BÌNH")
        #expect(invoice["invoice_number"] as? String == "00001234")
        // A page on its side is turned upright before it is read.
        let rotated = try #require(outcomes["rotated-90.png"])
        let rotation = ((rotated.result["ocr"] as? [String: Any])?["page_details"] as? [[String: Any]])?.first?["rotation"] as? Int
        #expect(rotation == 270 || rotation == 90, "rotation \(String(describing: rotation))")
        let rotatedText = (rotated.result["ocr"] as? [String: Any])?["text"] as? String ?? ""
        #expect(missingWords(try Fixtures.expected("vat-twocol-04").words, in: rotatedText).count <= 1)
        // A phone's sideways JPEG is turned by its EXIF orientation before reading.
        let exif = try #require(outcomes["exif-rotated.jpg"])
        let exifText = (exif.result["ocr"] as? [String: Any])?["text"] as? String ?? ""
        #expect(missingWords(try Fixtures.expected("retail-02").words, in: exifText).count <= 1, "\(exifText.prefix(300))")
        // Hostile documents fail with a reason, and nothing else is disturbed.
        #expect(outcomes["encrypted.pdf"]?.status == "failed")
        #expect(outcomes["encrypted.pdf"]?.error?.contains("encrypted PDF") == true)
        #expect(outcomes["page-bomb.pdf"]?.error?.contains("too many pages: 2000") == true)
        #expect(outcomes["xxe.xml"]?.error?.contains("DOCTYPE") == true)
        #expect(outcomes["expansion-bomb.xml"]?.error?.contains("DOCTYPE") == true)
        #expect(!daemon.log.contains("root:x:0:0"))
        await daemon.stop()
    }

    @Test func eInvoiceXML_andItsPDFTwin_becomeOneInvoice() async throws {
        let (daemon, outcomes) = try await process(["einvoice.xml", "born-digital.pdf"])
        let xml = try #require(outcomes["einvoice.xml"])
        let pdf = try #require(outcomes["born-digital.pdf"])
        #expect(xml.status == "done" && pdf.status == "done")
        #expect(methods(xml) == ["xml"])
        let fields = xml.result["invoice"] as? [String: Any] ?? [:]
        #expect(fields["confidence_score"] as? Double == 1.0)
        #expect(fields["invoice_series"] as? String == "1C26THB")
        #expect(fields["total_amount"] as? Double == 13_500_000)
        #expect(fields["vat_rate"] as? Double == 8)
        #expect((fields["checks"] as? [String: Any])?["words_match_total"] as? Bool == true)
        // One invoice, both files attached (both jobs point at it).
        #expect(xml.invoiceId != nil && xml.invoiceId == pdf.invoiceId)
        let invoices = try await daemon.database().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") }
        #expect(invoices == 1)
        let stored = try await daemon.getJSON("/api/invoices/\(xml.invoiceId ?? 0)")
        #expect(stored["confidence_score"] as? Double == 1.0, "the XML, the legal original, wins")
        await daemon.stop()
    }

    /// Issue 14: the 2014 schema's files (a BOM and `<?xml-stylesheet?>` before the root, no
    /// declaration; or another prefix and no prolog at all) got no result; each is now
    /// routed to the XML reader by its content and stored, and a DOCTYPE is still refused.
    @Test func eInvoiceXMLOf2014_isRoutedByContent_andStored_aDoctypeRefused() async throws {
        let (daemon, outcomes) = try await process(["einvoice-2014.xml", "einvoice-2014-ns2.xml", "einvoice-2014-doctype.xml"])
        let bom = try #require(outcomes["einvoice-2014.xml"])
        #expect(bom.status == "done", "\(bom.error ?? "")")
        #expect(methods(bom) == ["xml"])
        let fields = bom.result["invoice"] as? [String: Any] ?? [:]
        #expect(fields["invoice_number"] as? String == "0000123")
        #expect(fields["invoice_series"] as? String == "AA/17E")
        #expect(fields["invoice_date"] as? String == "2019-06-12")
        #expect(fields["seller_tax_code"] as? String == "0100686209-096")
        #expect(fields["total_amount"] as? Double == 27_500_000)
        #expect(fields["confidence_score"] as? Double == 1.0)
        let stored = try await daemon.getJSON("/api/invoices/\(bom.invoiceId ?? 0)")
        #expect(stored["seller_name"] as? String == "CÔNG TY CỔ PHẦN DỊCH VỤ KỸ THUẬT ĐIỆN LẠNH SAO VIỆT - CHI NHÁNH HÀ NỘI")
        #expect(stored["buyer_name"] as? String == "CÔNG TY TNHH THƯƠNG MẠI MINH KHANG")
        #expect(stored["vat_rate"] as? Double == 10)

        let ns2 = try #require(outcomes["einvoice-2014-ns2.xml"])
        #expect(ns2.status == "done", "\(ns2.error ?? "")")
        #expect(methods(ns2) == ["xml"])
        #expect((ns2.result["invoice"] as? [String: Any])?["seller_tax_code"] as? String == "0310234569")

        let doctype = try #require(outcomes["einvoice-2014-doctype.xml"])
        #expect(doctype.status == "failed")
        #expect(doctype.error?.contains("DOCTYPE") == true, "\(doctype.error ?? "")")
        #expect(!daemon.log.contains("root:x:0:0"))
        await daemon.stop()
    }
}
