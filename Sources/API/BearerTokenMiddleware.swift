import Hummingbird

/// Requires `Authorization: Bearer <token>` on every route but `/healthz`: the API is
/// served beyond loopback only with a token.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              constantTimeEqual(String(header.dropFirst(7)), token) else {
            throw APIError(.unauthorized, "missing or wrong bearer token (Authorization: Bearer <http_token>)")
        }
        return try await next(request, context)
    }

    /// Compares without an early exit, so timing does not reveal how much of a guess was right.
    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = x.count ^ y.count
        for index in 0..<min(x.count, y.count) { difference |= Int(x[index] ^ y[index]) }
        return difference == 0
    }
}
