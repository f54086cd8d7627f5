import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `GET /login`, `POST /login`, `POST /logout`: a browser exchanges the listener's token
/// (`http_token`) for a session cookie, since a page cannot send `Authorization: Bearer`.
/// Cross-site posts never get here (`BrowserGuardMiddleware` refuses them first), so another
/// site can neither log a browser in nor out.
struct LoginController {
    /// The token the TCP listener requires; nil where none is (loopback without one, the socket).
    let token: String?
    let sessions: BrowserSessions
    let throttle: LoginThrottle

    /// The login form's body, as a form or as JSON.
    struct Credentials: Decodable {
        var token: String?
    }

    /// Largest login body read: a token and a form's framing.
    static let bodyLimit = 4096

    func addRoutes(to router: Router<APIRequestContext>) {
        router.get("/login") { request, _ in
            // Nothing to log in to (no token), or logged in already (a bookmark of this page):
            // the workspace opens as it is.
            if token == nil || BearerTokenMiddleware<APIRequestContext>.hasSession(request, sessions) {
                return Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
            }
            return Self.page(.ok)
        }
        router.post("/login") { request, context in
            try await login(request, context: context)
        }
        router.post("/logout") { request, context in
            if let id = request.cookies[BrowserSessions.cookieName]?.value { sessions.close(id) }
            var response = Response(status: .seeOther, headers: [.location: token == nil ? "/" : "/login", .cacheControl: "no-store"])
            response.setCookie(Self.cookie(value: "", maxAge: 0, secure: Self.cameThroughTLS(request, context)))
            return response
        }
    }

    func login(_ request: Request, context: APIRequestContext) async throws -> Response {
        let asForm = request.headers[.contentType].map(Self.isForm) ?? false
        guard let token else {
            throw APIError(.badRequest, "this listener needs no login: no http_token is set, so the workspace opens without one")
        }
        let client = Self.client(request, context)
        if let wait = throttle.retryAfter(client: client) {
            let seconds = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
            if asForm { return Self.page(.tooManyRequests, problem: .tooManyTries(seconds: seconds), headers: [.retryAfter: "\(seconds)"]) }
            throw APIError(.tooManyRequests, "too many wrong tokens from this address; try again in \(seconds) s",
                           headers: [.retryAfter: "\(seconds)"])
        }
        let given = try await Self.credentials(request, context: context, asForm: asForm).token ?? ""
        guard !given.isEmpty else {
            if asForm { return Self.page(.badRequest, problem: .noToken) }
            throw APIError(.badRequest, "the body needs a token: {\"token\": \"<http_token>\"}, or the form field token")
        }
        guard BearerTokenMiddleware<APIRequestContext>.constantTimeEqual(given, token) else {
            throttle.recordFailure(client: client)
            context.logger.notice("login refused: wrong token", metadata: ["client": "\(client)"])
            // Answered late, so a script cannot try at network speed.
            try await Task.sleep(for: throttle.failureDelay)
            if asForm { return Self.page(.unauthorized, problem: .wrongToken) }
            throw APIError(.unauthorized, "wrong token: log in with the http_token of the daemon's configuration (INVOICED_HTTP_TOKEN)")
        }
        throttle.recordSuccess(client: client)
        let lifetime = Int(sessions.lifetime.components.seconds)
        // A form is a browser: on to the workspace. A script gets the cookie and no body.
        var response = asForm ? Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
            : Response(status: .noContent, headers: [.cacheControl: "no-store"])
        response.setCookie(Self.cookie(value: sessions.open(), maxAge: lifetime, secure: Self.cameThroughTLS(request, context)))
        return response
    }

    /// The session cookie: never readable by the page's scripts (HttpOnly), never sent along
    /// with a request another site starts (SameSite=Strict), for the whole workspace (Path=/),
    /// and over HTTPS only when the browser reached us through HTTPS.
    static func cookie(value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: BrowserSessions.cookieName, value: value, maxAge: maxAge, path: "/", secure: secure,
               httpOnly: true, sameSite: .strict)
    }

    /// Whether the browser spoke HTTPS to a TLS proxy in front of us: `X-Forwarded-Proto:
    /// https` counts only from a loopback peer (the proxy on this machine), since anyone else
    /// could send it. The daemon has no TLS of its own, so this is the only way it is HTTPS.
    /// Then the cookie is `Secure` and the browser never sends it over plain HTTP.
    static func cameThroughTLS(_ request: Request, _ context: APIRequestContext) -> Bool {
        guard let peer = context.remoteAddress?.ipAddress, LoopbackAddress.isLiteral(peer),
              let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] else { return false }
        return proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// Who is trying, for the throttle: the peer's address; behind a proxy on this machine, the
    /// address the proxy says it serves (the last `X-Forwarded-For` entry, the one it added),
    /// so that one guesser through the proxy does not lock out the whole office.
    static func client(_ request: Request, _ context: APIRequestContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unix"
        guard LoopbackAddress.isLiteral(peer), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
              let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return peer }
        return String(last.prefix(64))
    }

    static func isForm(_ contentType: String) -> Bool {
        contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
    }

    /// The token from a form or a JSON body; 415 for anything else, 400 for a body that does not read.
    static func credentials(_ request: Request, context: APIRequestContext, asForm: Bool) async throws -> Credentials {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard asForm || contentType.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "send the token as a form (application/x-www-form-urlencoded) or as JSON (application/json)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: bodyLimit)
        } catch {
            throw APIError(.contentTooLarge, "a login body is at most \(bodyLimit) bytes")
        }
        do {
            if asForm { return try URLEncodedFormDecoder().decode(Credentials.self, from: String(buffer: body)) }
            return try JSONDecoder().decode(Credentials.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, "the body does not read as \(asForm ? "a form" : "JSON") with a token")
        }
    }

    /// The login page, with what went wrong if anything did.
    static func page(_ status: HTTPResponse.Status, problem: LoginPage.Problem? = nil, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = LoginPage.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // Not no-referrer: under it Chromium posts the form with `Origin: null`, which the
        // browser guard refuses as another site's (TokenLoginTests, in a real browser).
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: LoginPage.html(problem: problem))))
    }
}
