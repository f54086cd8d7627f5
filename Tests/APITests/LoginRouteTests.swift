@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A browser on another machine reaching the workspace with the listener's token: it cannot
/// send `Authorization: Bearer`, so `POST /login` trades the token for a session cookie.
@Suite struct LoginRouteTests {
    static let token = "0123456789abcdef-office-secret"

    /// The TCP router with a token, as the daemon builds it beyond loopback.
    func fixture(throttle: LoginThrottle = LoginThrottle(failureDelay: .zero)) throws -> (APIFixture, APIContext) {
        let f = try APIFixture(token: Self.token)
        var context = f.context
        context.loginThrottle = throttle
        return (f, context)
    }

    static func form(_ token: String) -> (HTTPFields, ByteBuffer) {
        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "token=\(encoded)"))
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("\(BrowserSessions.cookieName)=") }
    }

    /// "invoiced_session=<value>" out of a Set-Cookie value, as the browser sends it back.
    static func cookieHeader(_ setCookie: String) -> String {
        String(setCookie.split(separator: ";")[0])
    }

    @Test func loginPage_isAPlainForm_withNoScript_andHeadersThatKeepItSo() async throws {
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(html.contains(#"<form method="post" action="/login">"#) && html.contains(#"name="token" type="password""#))
            #expect(html.contains("Đăng nhập") && html.contains("Sign in"))
            #expect(!html.lowercased().contains("<script") && !html.contains(" on"), "no script, no handler attribute")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'"))
            #expect(!policy.contains("script-src"), "default-src 'none' already refuses every script")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-store")
        }
    }

    @Test func rightTokenInTheForm_givesAnHttpOnlySameSiteStrictCookie_thatIsNotTheToken_andOpensTheAPIWithoutTheHeader() async throws {
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            // Before: the API refuses, and a browser asking for the page is sent to the login page.
            #expect(try await client.execute(uri: "/api/stats", method: .get).status == .unauthorized)
            let page = try await client.execute(uri: "/", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .seeOther && page.headers[.location] == "/login")

            let (headers, body) = Self.form(Self.token)
            let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(login.status == .seeOther && login.headers[.location] == "/", "\(String(buffer: login.body))")
            let setCookie = try #require(Self.sessionCookie(login), "\(login.headers)")
            let attributes = Set(setCookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/"]), "\(setCookie)")
            #expect(!attributes.contains("Secure"), "plain HTTP, no TLS proxy: \(setCookie)")
            let value = String(Self.cookieHeader(setCookie).dropFirst(BrowserSessions.cookieName.count + 1))
            #expect(value.count == 64 && value.allSatisfy(\.isHexDigit), "\(value)")
            #expect(!value.contains(Self.token) && !setCookie.contains(Self.token))

            let cookie: HTTPFields = [.cookie: Self.cookieHeader(setCookie)]
            let stats = try await client.execute(uri: "/api/stats", method: .get, headers: cookie)
            #expect(stats.status == .ok, "\(String(buffer: stats.body))")
            var pageHeaders = cookie
            pageHeaders[.accept] = "text/html"
            let workspace = try await client.execute(uri: "/", method: .get, headers: pageHeaders)
            #expect(workspace.status == .ok)
            #expect(workspace.headers[.contentType]?.hasPrefix("text/html") == true)
            // The login page, opened again with a live session, goes straight to the workspace.
            let again = try await client.execute(uri: "/login", method: .get, headers: pageHeaders)
            #expect(again.status == .seeOther && again.headers[.location] == "/")
            // The bearer header goes on working for programs.
            #expect(try await client.execute(uri: "/api/stats", method: .get, headers: [.authorization: "Bearer \(Self.token)"]).status == .ok)
        }
    }

    @Test func rightTokenAsJSON_answers204WithTheCookie_andTheTokenItselfIsNoCookie() async throws {
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"token":"\#(Self.token)"}"#))
            #expect(login.status == .noContent)
            #expect(Self.sessionCookie(login) != nil)
            // A cookie holding the token (or anything the daemon did not hand out) opens nothing.
            for value in [Self.token, String(repeating: "0", count: 64), ""] {
                let status = try await client.execute(uri: "/api/stats", method: .get, headers: [.cookie: "\(BrowserSessions.cookieName)=\(value)"]).status
                #expect(status == .unauthorized, "cookie \(value)")
            }
        }
    }

    @Test func logout_endsTheSession_andClearsTheCookie() async throws {
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            let (headers, body) = Self.form(Self.token)
            let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            let cookie: HTTPFields = [.cookie: Self.cookieHeader(try #require(Self.sessionCookie(login)))]
            #expect(try await client.execute(uri: "/api/stats", method: .get, headers: cookie).status == .ok)

            let logout = try await client.execute(uri: "/logout", method: .post, headers: cookie)
            #expect(logout.status == .seeOther && logout.headers[.location] == "/login")
            let cleared = try #require(Self.sessionCookie(logout))
            #expect(cleared.hasPrefix("\(BrowserSessions.cookieName)=;") && cleared.contains("Max-Age=0"), "\(cleared)")
            // The old cookie, kept by a copy of the browser's jar, no longer opens anything.
            #expect(try await client.execute(uri: "/api/stats", method: .get, headers: cookie).status == .unauthorized)
            #expect(context.sessions.count == 0)
        }
    }

    @Test func wrongToken_gets401WithAClearMessage_late_andTooManyFromOneClientGet429() async throws {
        let throttle = LoginThrottle(limit: 3, window: .seconds(60), failureDelay: .milliseconds(300))
        let (_, context) = try fixture(throttle: throttle)
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            let started = ContinuousClock.now
            let wrong = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"token":"guess-one"}"#))
            #expect(ContinuousClock.now - started >= .milliseconds(300), "a wrong token is answered late")
            #expect(wrong.status == .unauthorized)
            #expect(try json(wrong)["error"] as? String == "wrong token: log in with the http_token of the daemon's configuration (INVOICED_HTTP_TOKEN)")
            #expect(Self.sessionCookie(wrong) == nil)

            // A browser gets the form again, saying what went wrong.
            let (headers, body) = Self.form("guess-two")
            let form = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(form.status == .unauthorized)
            #expect(String(buffer: form.body).contains("Mã truy cập không đúng.") && String(buffer: form.body).contains("Wrong access token."))
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")

            _ = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            // The limit reached: refused even with the right token, and told when to come back.
            let (rightHeaders, rightBody) = Self.form(Self.token)
            let refused = try await client.execute(uri: "/login", method: .post, headers: rightHeaders, body: rightBody)
            #expect(refused.status == .tooManyRequests)
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            #expect(String(buffer: refused.body).contains("Too many wrong tries"))
            #expect(Self.sessionCookie(refused) == nil)
            // The bearer header is not the login form: programs with the token are not locked out.
            #expect(try await client.execute(uri: "/api/stats", method: .get, headers: [.authorization: "Bearer \(Self.token)"]).status == .ok)
        }
    }

    @Test func aLoginBodyThatIsNeitherFormNorJSON_orHasNoToken_isRefusedWithWhy() async throws {
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            let text = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: Self.token))
            #expect(text.status == .unsupportedMediaType)
            let empty = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(empty.status == .badRequest)
            #expect((try json(empty)["error"] as? String)?.contains("token") == true)
        }
    }

    @Test func withoutAToken_thereIsNothingToLogInTo() async throws {
        let f = try APIFixture()
        try await f.app.test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .seeOther && page.headers[.location] == "/")
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"token":"anything-at-all-here"}"#))
            #expect(login.status == .badRequest)
            #expect((try json(login)["error"] as? String)?.contains("needs no login") == true)
        }
    }

    /// Over a live listener on 127.0.0.1, as the daemon serves it: the peer is loopback, which
    /// is where a TLS proxy on the same machine connects from.
    func withTCPServer(_ body: @Sendable (Int) async throws -> Void) async throws {
        let (_, context) = try fixture()
        var guarded = context
        guarded.hostPolicy = HostPolicy()
        try await Application(router: APIRouter.build(guarded)).test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test func cookieIsSecure_whenAProxyOnLoopbackSaysTheBrowserUsedHTTPS() async throws {
        try await withTCPServer { port in
            let body = "token=\(Self.token)"
            let reply = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/login", host: "127.0.0.1:\(port)",
                headers: ["Content-Type: application/x-www-form-urlencoded", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7"], body: body))
            #expect(reply.status == 303, "\(reply.body)")
            let setCookie = try #require(reply.head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: invoiced_session=") })
            #expect(setCookie.contains("; Secure") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), "\(setCookie)")
        }
        // Where the peer is not known to be loopback, the header proves nothing.
        let (_, context) = try fixture()
        try await Application(router: APIRouter.build(context)).test(.router) { client in
            var (headers, body) = Self.form(Self.token)
            headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(login.status == .seeOther)
            #expect(Self.sessionCookie(login)?.contains("Secure") == false)
        }
    }

    @Test func loginFromAnotherSite_isRefused_andGivesNoCookie() async throws {
        try await withTCPServer { port in
            let host = "127.0.0.1:\(port)"
            for header in ["Origin: http://attacker.example", "Sec-Fetch-Site: cross-site"] {
                let reply = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                    "POST", "/login", host: host, headers: ["Content-Type: application/x-www-form-urlencoded", header], body: "token=\(Self.token)"))
                #expect(reply.status == 403, "\(header): \(reply.body)")
                #expect(!reply.head.lowercased().contains("set-cookie"))
            }
            // Nor may another site log the browser out.
            let logout = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/logout", host: host, headers: ["Origin: http://attacker.example"]))
            #expect(logout.status == 403)
            // The page's own origin may.
            let own = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                "POST", "/login", host: host, headers: ["Content-Type: application/x-www-form-urlencoded", "Origin: http://\(host)", "Sec-Fetch-Site: same-origin"],
                body: "token=\(Self.token)"))
            #expect(own.status == 303)
        }
    }
}
