import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import TestSupport
import Testing

/// What one client or many at once can make the upload route hold: parts per form, and bytes
/// in memory across uploads in progress.
@Suite struct UploadLimitsTests {
    let boundary = "----invoiced-test-boundary"

    @Test func aFormOfMoreThan8Parts_is400_namingTheLimit_and8PartsPass() async throws {
        let f = try APIFixture()
        let boundary = self.boundary
        let form: @Sendable (Int, String) -> ByteBuffer = { extra, tag in
            multipart(boundary: boundary, parts: [("image", "a.png", Array("png \(tag)".utf8))]
                + (0..<extra).map { ("note\($0)", nil, Array("x".utf8)) })
        }
        try await f.app.test(.router) { client in
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
            let many = try await client.execute(uri: "/upload-image", method: .post, headers: headers, body: form(8, "nine"))
            #expect(many.status == .badRequest)
            #expect(try json(many)["error"] as? String == "the form has 9 parts; at most 8 are accepted (the file in 'image', optionally 'user_id')")
            let eight = try await client.execute(uri: "/upload-image", method: .post, headers: headers, body: form(7, "eight"))
            #expect(eight.status == .accepted)
        }
        #expect(try f.store.allJobs().count == 1)
    }

    @Test func uploadsBeyondTheSharedBudget_get503WithRetryAfter_andAClosedUploadGivesItsShareBackAtOnce() async throws {
        let f = try APIFixture(uploadLimit: 1000)
        #expect(f.context.uploadBudget.capacity == 2000)
        let budget = f.context.uploadBudget
        let small = multipart(boundary: boundary, parts: [("image", "a.png", Array("png".utf8))])
        let smallRequest = "POST /upload-image HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
            + "Content-Length: \(small.readableBytes)\r\nConnection: close\r\n\r\n" + String(buffer: small)
        try await Application(router: APIRouter.build(f.context)).test(.live) { client in
            let port = try #require(client.port)
            // Two slow clients, each announcing the largest upload and sending a few bytes of it.
            let slow = try (0..<2).map { _ in try RawHTTPConnection(port: port) }
            for connection in slow {
                try connection.send("POST /upload-image HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
                    + "Content-Length: 1000\r\nConnection: close\r\n\r\n--\(boundary)\r\n")
            }
            #expect(await waitUntil(timeout: 10) { budget.inUse == 2000 })
            let refused = try await RawHTTPClient.exchange(port: port, smallRequest)
            #expect(refused.status == 503, "\(refused.body)")
            #expect(refused.head.lowercased().contains("retry-after: 5"))
            #expect(refused.body.contains("too many uploads"))
            // One slow client goes away: its share is free again without waiting for anything else.
            slow[0].hangUp()
            #expect(await waitUntil(timeout: 10) { budget.inUse == 1000 }, "in use: \(budget.inUse)")
            let accepted = try await RawHTTPClient.exchange(port: port, smallRequest)
            #expect(accepted.status == 202, "\(accepted.body)")
            slow[1].hangUp()
        }
        #expect(budget.inUse == 0)
    }
}
