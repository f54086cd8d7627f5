import HTTPTypes
import Hummingbird

/// Keeps web pages in the user's browser away from the TCP listener: a request must name
/// this daemon in `Host` (else 421: DNS rebinding), and a request that changes something must
/// not come from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` naming a host
/// this daemon does not answer to: 403). Served on TCP only: no browser reaches the Unix
/// socket, whose file mode decides who may connect.
struct BrowserGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: HostPolicy

    private static var secFetchSite: HTTPField.Name { HTTPField.Name("Sec-Fetch-Site")! }
    private static var changingMethods: Set<HTTPRequest.Method> { [.post, .put, .delete, .patch] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1's Host header arrives as the request's authority.
        let authority = request.head.authority
        guard let authority, let host = HostPolicy.host(ofAuthority: authority), policy.accepts(host: host) else {
            let named = authority.map { "'\($0.prefix(100))'" } ?? "no Host"
            throw APIError(.misdirectedRequest,
                           "this API answers to Host 127.0.0.1, [::1], localhost or a name listed in api.http_hosts, not to \(named)")
        }
        if Self.changingMethods.contains(request.method) {
            if request.headers[Self.secFetchSite]?.lowercased() == "cross-site" {
                throw APIError(.forbidden, "a page of another site may not change anything here (Sec-Fetch-Site: cross-site)")
            }
            if let origin = request.headers[.origin] {
                guard let originHost = HostPolicy.host(ofOrigin: origin), policy.accepts(host: originHost) else {
                    throw APIError(.forbidden, "a page from \(origin.prefix(100)) may not change anything here; its host is not one this API answers to")
                }
            }
        }
        return try await next(request, context)
    }
}
