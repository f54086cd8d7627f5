import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// What the API hands on of text that anyone who can drop a file chooses (file names, OCR
/// text, form fields): a spreadsheet, a web page and the job list must not run it.
@Suite struct HostileOutputTests {
    @Test func csvCells_startingWithTabOrCR_orAFormulaAfterSpaces_areDisarmed_numbersStayNumbers() async throws {
        let f = try APIFixture()
        try f.invoice("a.png") {
            $0.sellerName = "\t=1+2"
            $0.buyerName = "\r=HYPERLINK(\"http://x\")"
            $0.invoiceNumber = "  @SUM(A1)"
            $0.invoiceCode = "\u{1}-3+4"
            $0.invoiceSeries = "-1200"
            $0.currency = "VND"
        }
        try await f.app.test(.router) { client in
            let text = String(buffer: try await client.execute(uri: "/api/invoices/export.csv", method: .get).body)
            let cells = text.components(separatedBy: "\r\n")[1]
            #expect(cells.contains(",'\t=1+2,"), "\(cells.debugDescription)")
            #expect(text.contains(#""'"# + "\r" + #"=HYPERLINK(""http://x"")""#), "\(text.debugDescription)")
            #expect(cells.contains(",'  @SUM(A1),"), "\(cells.debugDescription)")
            #expect(cells.contains(",'\u{1}-3+4,"), "\(cells.debugDescription)")
            #expect(cells.contains(",-1200,"), "\(cells.debugDescription)")
        }
    }

    @Test func searchSnippets_escapeTheText_thenMarkTheMatches() async throws {
        let f = try APIFixture()
        try f.invoice("a.png") {
            $0.rawText = #"HÓA ĐƠN <img src=x onerror="alert(1)"> & 'CÔNG TY ĐIỆN LỰC' <script>x</script>"#
        }
        try await f.app.test(.router) { client in
            let result = try json(try await client.execute(uri: "/api/search?q=dien%20luc", method: .get))
            let snippet = try #require((result["items"] as? [[String: Any]])?.first?["snippet"] as? String)
            #expect(snippet.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;"), "\(snippet)")
            #expect(snippet.contains("<mark>ĐIỆN</mark> <mark>LỰC</mark>"), "\(snippet)")
            #expect(!snippet.contains("<img") && !snippet.contains("<script"), "\(snippet)")
            #expect(snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "").allSatisfy { $0 != "<" && $0 != ">" })
        }
    }

    @Test(arguments: ["ke-toan\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "a\nb", String(repeating: "x", count: 129), "\u{9B}31m"])
    func uploadWithAControlCharacterOrOverlongUserId_is400_andNoJob(userId: String) async throws {
        let f = try APIFixture()
        let boundary = "----invoiced-test-boundary"
        let body = multipart(boundary: boundary, parts: [("user_id", nil, Array(userId.utf8)), ("image", "a.png", Array("png".utf8))])
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/upload-image", method: .post,
                                                     headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
            #expect(response.status == .badRequest)
            #expect(try json(response)["error"] as? String == "user_id must be 1 to 128 printable characters")
        }
        #expect(try f.store.allJobs().isEmpty)
    }
}
