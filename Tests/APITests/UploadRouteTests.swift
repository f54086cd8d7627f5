import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

@Suite struct UploadRouteTests {
    let boundary = "----invoiced-test-boundary"
    var contentType: HTTPFields { [.contentType: "multipart/form-data; boundary=\(boundary)"] }

    @Test func upload_isRecordedLikeAnInboxFile_andTheNameIsOnlyData() async throws {
        let f = try APIFixture()
        let body = multipart(boundary: boundary, parts: [
            ("image", "../../etc/hóa đơn.png", Array("png bytes".utf8)),
            ("user_id", nil, Array("user-42".utf8)),
        ])
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/upload-image", method: .post, headers: contentType, body: body)
            #expect(response.status == .accepted)
            let reply = try json(response)
            #expect(reply["status"] as? String == "queued")
            let jobId = try #require(reply["job_id"] as? String)
            let job = try #require(try f.store.job(id: jobId))
            #expect(job.status == .queued && !job.intakePending)
            #expect(job.userId == "user-42")
            #expect(job.uploader == "upload")
            #expect(job.filename == "_.._etc_hóa đơn.png")
            #expect(job.filepath == f.layout.spoolPath(id: job.id, filename: "x.png"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: job.filepath)) == Data("png bytes".utf8))
            #expect(job.sha256?.count == 64)
            // The same bytes again are a duplicate, as in the inbox.
            let again = try json(try await client.execute(uri: "/upload-image", method: .post, headers: contentType, body: body))
            #expect(again["status"] as? String == "duplicate")
            #expect(again["duplicate_of"] as? String == job.id)
        }
    }

    /// A file name in Latin-1 (not UTF-8): MultipartKit reads the header as "", and the
    /// answer used to be "field 'image' is missing", which sends the user looking elsewhere.
    @Test func aFileNameThatIsNotUTF8_getsAnAnswerThatSaysSo() async throws {
        let f = try APIFixture()
        var body = ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"caf")
        body.writeBytes([0xE9])
        body.writeString(".png\"\r\n\r\npng\r\n--\(boundary)--\r\n")
        let latin1 = body
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/upload-image", method: .post, headers: contentType, body: latin1)
            #expect(response.status == .badRequest)
            #expect((try json(response)["error"] as? String)?.contains("not UTF-8") == true, "\(String(buffer: response.body))")
        }
        #expect(try f.store.allJobs().isEmpty)
    }

    @Test func badUploads_getTheirStatusAndNoJob() async throws {
        let f = try APIFixture(uploadLimit: 1000)
        try await f.app.test(.router) { client in
            let noField = try await client.execute(uri: "/upload-image", method: .post, headers: contentType,
                                                   body: multipart(boundary: boundary, parts: [("file", "a.png", [1, 2, 3])]))
            #expect(noField.status == .badRequest)
            #expect(try json(noField)["error"] as? String == "field 'image' is missing from the form")

            let empty = try await client.execute(uri: "/upload-image", method: .post, headers: contentType,
                                                 body: multipart(boundary: boundary, parts: [("image", "a.png", [])]))
            #expect(empty.status == .badRequest)

            let notMultipart = try await client.execute(uri: "/upload-image", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: "{}"))
            #expect(notMultipart.status == .unsupportedMediaType)

            let tooLarge = try await client.execute(uri: "/upload-image", method: .post, headers: contentType,
                                                    body: multipart(boundary: boundary, parts: [("image", "a.png", Array(repeating: 7, count: 5000))]))
            #expect(tooLarge.status == .contentTooLarge)
            #expect((try json(tooLarge)["error"] as? String)?.contains("limit of 1000 bytes") == true)

            let garbage = try await client.execute(uri: "/upload-image", method: .post, headers: contentType,
                                                   body: ByteBuffer(string: "--\(boundary)\r\nno headers end"))
            #expect(garbage.status == .badRequest)
        }
        #expect(try f.store.allJobs().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.layout.spool).isEmpty)
    }

    /// FuzzMultipart's crash (Fuzz/findings/FuzzMultipart/): MultipartKit looks each byte of
    /// a part's header name up in a 128-entry table, so a name byte of 0x80 or more was an
    /// index out of range that ended the process. Without the check the test process dies.
    /// The second body is the fuzzer's minimised input, whose boundary "-" makes the
    /// delimiter "---" overlap the dashes before it; in the third (the fuzzer's second find)
    /// a bare LF inside a header value hides where the next name starts. The route answers
    /// 400, and a form with a UTF-8 file name (a header value, not a name) is still read.
    @Test(arguments: Self.bodiesWithANonASCIIHeaderName)
    func aHeaderNameWithAByteOutsideASCII_is400_notACrash(boundary: String, body: [UInt8]) async throws {
        let f = try APIFixture()
        try await f.app.test(.router) { client in
            let bad = try await client.execute(uri: "/upload-image", method: .post,
                                               headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                               body: ByteBuffer(bytes: body))
            #expect(bad.status == .badRequest)
            #expect((try json(bad)["error"] as? String)?.contains("header name has a byte outside ASCII") == true)

            let good = try await client.execute(uri: "/upload-image", method: .post, headers: contentType,
                                                body: multipart(boundary: self.boundary, parts: [("image", "hóa đơn.png", Array("png".utf8))]))
            #expect(good.status == .accepted)
        }
    }

    /// (boundary, body) pairs for the test above; bytes are spelt out one piece at a time,
    /// since one long expression in `@Test(arguments:)` is too much for the type checker.
    static let bodiesWithANonASCIIHeaderName: [(String, [UInt8])] = {
        let first: [UInt8] = Array("------invoiced-test-boundary\r\nContent-Disposition: form-data; name=\"image\"\r\n".utf8)
        let firstRest: [UInt8] = Array("X: y\r\n\r\npng\r\n------invoiced-test-boundary--\r\n".utf8)
        let minimised: [UInt8] = Array("---\r\n".utf8)
        let bareLF: [UInt8] = Array("--X7\r\nContent-Disposition: form-data; name=\"image\"; filena\n\r\n".utf8)
        let bareLFRest: [UInt8] = Array("data\r\n--X7--\r\n".utf8)
        return [
            ("----invoiced-test-boundary", first + [0xDC] + firstRest),
            ("-", minimised + [0xDC]),
            ("X7", bareLF + [0xFF, 0xD8] + bareLFRest),
        ]
    }()
}
