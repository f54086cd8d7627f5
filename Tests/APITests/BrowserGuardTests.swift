import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The TCP listener against what a web page in the user's browser can send: another site's
/// name in `Host` (DNS rebinding), a cross-site form or `text/plain` POST. Through a real
/// HTTP/1 server on 127.0.0.1, where `Host` is parsed as it is in the daemon.
@Suite struct BrowserGuardTests {
    /// The router as the daemon builds it for TCP, served live, for the time of `body`.
    func withTCPServer(hosts: [String] = [], _ body: @Sendable (Int) async throws -> Void) async throws {
        let f = try APIFixture()
        var context = f.context
        context.hostPolicy = HostPolicy(names: hosts)
        try await Application(router: APIRouter.build(context)).test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    func get(_ port: Int, host: String?) async throws -> RawHTTPClient.Reply {
        try await RawHTTPClient.exchange(port: port, RawHTTPClient.message("GET", "/api/stats", host: host))
    }

    @Test func hostOfAnotherName_gets421_asJSON_andLoopbackLiteralsLocalhostAndConfiguredNamesPass() async throws {
        try await withTCPServer(hosts: ["invoices.lan"]) { port in
            for host in ["attacker.example", "attacker.example:\(port)", "127.0.0.1.nip.io:\(port)", "127.attacker.example", "[::1]x", "a@127.0.0.1"] {
                let reply = try await get(port, host: host)
                #expect(reply.status == 421, "Host: \(host)")
                #expect(reply.head.lowercased().contains("content-type: application/json"))
                #expect(reply.body.contains(#""error":"#) && reply.body.contains("api.http_hosts"), "\(reply.body)")
            }
            #expect(try await get(port, host: nil).status == 421)
            for host in ["127.0.0.1:\(port)", "127.0.0.1", "127.1.2.3:\(port)", "[::1]:\(port)", "localhost:\(port)", "LOCALHOST", "invoices.lan:\(port)", "Invoices.LAN"] {
                #expect(try await get(port, host: host).status == 200, "Host: \(host)")
            }
        }
    }

    @Test func chatWithTextPlain_gets415_withoutAskingTheChatServer() async throws {
        try await withTCPServer { port in
            let text = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/chat", host: "127.0.0.1:\(port)", headers: ["Content-Type: text/plain"], body: #"{"message":"hi"}"#))
            #expect(text.status == 415, "\(text.body)")
            #expect(text.body.contains("Content-Type"))
            let none = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/chat", host: "127.0.0.1:\(port)", body: #"{"message":"hi"}"#))
            #expect(none.status == 415)
            // As JSON it reaches the route (no chat service here: 503).
            let json = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/chat", host: "127.0.0.1:\(port)", headers: ["Content-Type: application/json; charset=utf-8"], body: #"{"message":"hi"}"#))
            #expect(json.status == 503, "\(json.body)")
        }
    }

    @Test func changesFromAnotherSite_get403_whileReadsAndSameSiteChangesPass() async throws {
        try await withTCPServer { port in
            let host = "127.0.0.1:\(port)"
            let crossSite = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "DELETE", "/chat/history?user_id=x", host: host, headers: ["Sec-Fetch-Site: cross-site"]))
            #expect(crossSite.status == 403, "\(crossSite.body)")
            #expect(crossSite.body.contains("another site"))
            for origin in ["http://attacker.example", "https://127.0.0.1.attacker.example:\(port)", "null"] {
                let reply = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                    "POST", "/upload-image", host: host, headers: ["Origin: \(origin)", "Content-Type: multipart/form-data; boundary=x"], body: "--x--\r\n"))
                #expect(reply.status == 403, "Origin: \(origin): \(reply.body)")
            }
            // A page of the daemon's own origin, or a read from anywhere, is not refused here.
            let sameOrigin = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/chat", host: host, headers: ["Origin: http://\(host)", "Sec-Fetch-Site: same-origin", "Content-Type: application/json"],
                body: #"{"message":"hi"}"#))
            #expect(sameOrigin.status == 503)
            let read = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "GET", "/api/stats", host: host, headers: ["Origin: http://attacker.example", "Sec-Fetch-Site: cross-site"]))
            #expect(read.status == 200)
        }
    }

    @Test func theUnixSocketRouter_answersAnyHost() async throws {
        // The socket's router has no host policy: invoicectl and curl --unix-socket send what they like.
        let f = try APIFixture()
        try await f.app.test(.live) { client in
            let port = try #require(client.port)
            #expect(try await RawHTTPClient.exchange(port: port, RawHTTPClient.message("GET", "/api/stats", host: "whatever.example")).status == 200)
        }
    }
}
