import HTTPTypes
import Hummingbird

/// Requires the token on every route but `/healthz` and the login routes: as
/// `Authorization: Bearer <token>` (programs), or as the session cookie `POST /login` gave in
/// exchange for it (browsers, which cannot add a header to a page load). A browser asking for
/// a page without either is sent to the login page; everything else gets 401.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String
    let sessions: BrowserSessions

    /// Routes that must answer without a token: the health check (probes), the login page and
    /// its form, and logout (a browser whose session expired must still be able to clear it).
    static func isOpen(_ request: Request) -> Bool {
        switch (request.method, request.uri.path) {
        case (.get, "/healthz"), (.head, "/healthz"), (.get, "/login"), (.head, "/login"), (.post, "/login"), (.post, "/logout"): true
        default: false
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isOpen(request) || Self.hasToken(request, token) || Self.hasSession(request, sessions) {
            return try await next(request, context)
        }
        if Self.isPageLoad(request) {
            return Response(status: .seeOther, headers: [.location: "/login", .cacheControl: "no-store"])
        }
        throw APIError(.unauthorized, "missing or wrong token: send Authorization: Bearer <http_token>, or log in at /login (browsers)")
    }

    static func hasToken(_ request: Request, _ token: String) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return constantTimeEqual(String(header.dropFirst(7)), token)
    }

    static func hasSession(_ request: Request, _ sessions: BrowserSessions) -> Bool {
        guard let id = request.cookies[BrowserSessions.cookieName]?.value, !id.isEmpty else { return false }
        return sessions.isOpen(id)
    }

    /// A browser loading a page (it asks for HTML first), not a script reading the API: only
    /// a page load can follow a redirect to a form the user fills in.
    static func isPageLoad(_ request: Request) -> Bool {
        (request.method == .get || request.method == .head) && request.headers[.accept]?.contains("text/html") == true
    }

    /// Compares without an early exit, so timing does not reveal how much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = x.count ^ y.count
        for index in 0..<min(x.count, y.count) { difference |= Int(x[index] ^ y[index]) }
        return difference == 0
    }
}
