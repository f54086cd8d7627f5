import Foundation
import Glibc
import NIOHTTP1
import TestSupport
import Testing

/// The real daemon serving other machines (`http_allow_remote` and a token), reached at an
/// address of this machine that is not loopback, as a browser in the office reaches it: sent
/// to the login page, logged in by the form, the workspace and the API open with the cookie,
/// and closed again by logout.
@Suite struct RemoteLoginEndToEndTests {
    static let token = "office-token-0123456789abcdef"

    /// An IPv4 address of this machine that is not loopback, if it has one (a container
    /// without a network has only 127.0.0.1; the listener is still bound beyond loopback).
    static var outsideAddress: String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let text = String(cString: host)
            if !text.hasPrefix("127.") { return text }
        }
        return nil
    }

    @Test func aBrowserElsewhere_logsInWithTheToken_usesTheWorkspaceByItsCookie_andLogsOut() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1", "--http", "0.0.0.0:0"], environment: [
            "INVOICED_HTTP_ALLOW_REMOTE": "true", "INVOICED_HTTP_TOKEN": Self.token,
        ], httpOff: false)
        try await daemon.waitUntilReady()
        let port = try await daemon.waitForTCPPort()
        let address = Self.outsideAddress ?? "127.0.0.1"
        try await TCPClient.with(address: address, port: port) { browser in
            let origin = ("Origin", "http://\(address):\(port)")
            // Nothing without the token but the health check; a page load goes to the login page.
            #expect(try await browser.send(.GET, "/healthz").status == .ok)
            let refused = try await browser.send(.GET, "/api/stats")
            #expect(refused.status == .unauthorized && refused.body.contains("/login"), "\(refused.body)")
            let page = try await browser.send(.GET, "/", headers: [("Accept", "text/html")])
            #expect(page.status == .seeOther && page.headers["Location"] == ["/login"])
            let form = try await browser.send(.GET, "/login", headers: [("Accept", "text/html")])
            #expect(form.status == .ok && form.body.contains(#"<form method="post" action="/login">"#))

            let formType = ("Content-Type", "application/x-www-form-urlencoded")
            let wrong = try await browser.send(.POST, "/login", headers: [formType, origin], body: "token=not-the-token")
            #expect(wrong.status == .unauthorized && wrong.body.contains("Wrong access token."))
            #expect(wrong.setCookie("invoiced_session") == nil)
            // Another site's page cannot log the browser in.
            let crossSite = try await browser.send(.POST, "/login", headers: [formType, ("Origin", "http://attacker.example")], body: "token=\(Self.token)")
            #expect(crossSite.status == .forbidden)

            // X-Forwarded-Proto from a peer that is not a proxy on loopback proves nothing.
            let login = try await browser.send(.POST, "/login", headers: [formType, origin, ("X-Forwarded-Proto", "https")], body: "token=\(Self.token)")
            #expect(login.status == .seeOther && login.headers["Location"] == ["/"], "\(login.body)")
            let setCookie = try #require(login.setCookie("invoiced_session"), "\(login.headers)")
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"), "\(setCookie)")
            if address != "127.0.0.1" { #expect(!setCookie.contains("Secure"), "\(setCookie)") }
            #expect(!setCookie.contains(Self.token))
            let cookie = ("Cookie", String(setCookie.split(separator: ";")[0]))

            let workspace = try await browser.send(.GET, "/", headers: [("Accept", "text/html"), cookie])
            #expect(workspace.status == .ok && workspace.headers["Content-Type"].first?.hasPrefix("text/html") == true)
            let stats = try await browser.send(.GET, "/api/stats", headers: [cookie])
            #expect(stats.status == .ok, "\(stats.body)")
            // A program still uses the header.
            #expect(try await browser.send(.GET, "/api/stats", headers: [("Authorization", "Bearer \(Self.token)")]).status == .ok)

            let logout = try await browser.send(.POST, "/logout", headers: [cookie, origin])
            #expect(logout.status == .seeOther && logout.setCookie("invoiced_session")?.contains("Max-Age=0") == true)
            #expect(try await browser.send(.GET, "/api/stats", headers: [cookie]).status == .unauthorized)
        }
        #expect(await daemon.stop() == 0)
        #expect(!daemon.log.contains(Self.token), "the token must not be logged")
    }
}
