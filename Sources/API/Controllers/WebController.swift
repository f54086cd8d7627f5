import HTTPTypes
import Hummingbird

/// `/` and `/assets/{version}/{name}`: the web workspace (web/, compiled in by
/// scripts/embed-web.sh). The page is plain HTML and JavaScript modules that read the same
/// JSON API as every other client; everything a document said is put into it as text.
struct WebController<Context: RequestContext> {
    var site = WebSite.embedded

    /// What the page may load and who may frame it: its own scripts, styles and API only (no
    /// inline script, so markup that slipped into the page could not run), no plug-ins, no
    /// `<base>` rewriting, and no framing (clickjacking a Retry or Confirm button).
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func addRoutes(to router: Router<Context>) {
        router.get("/") { request, _ in
            answer(site.page, request: request, headers: [
                .cacheControl: "no-cache",
                .contentSecurityPolicy: Self.contentSecurityPolicy,
                HTTPField.Name("X-Frame-Options")!: "DENY",
                // Not no-referrer: under it Chromium sends a form post's Origin as "null", which
                // the browser guard must refuse; same-origin still tells other sites nothing.
                HTTPField.Name("Referrer-Policy")!: "same-origin",
            ])
        }
        router.get("/assets/{version}/{name}") { request, context in
            let version = try context.parameters.require("version"), name = try context.parameters.require("name")
            guard let asset = site.assets[name] else { throw APIError(.notFound, "the workspace has no file '\(name.prefix(100))'") }
            guard version == site.version else {
                throw APIError(.notFound, "this file belongs to another version of the workspace; reload the page")
            }
            return answer(asset, request: request, headers: [.cacheControl: "public, max-age=31536000, immutable"])
        }
    }

    /// 200 with the body, or 304 without it when the browser's copy is this one; both carry
    /// the validator and the caching rule, so the browser keeps using its copy.
    func answer(_ asset: WebSite.Asset, request: Request, headers extra: HTTPFields) -> Response {
        var headers = extra
        headers[.eTag] = asset.etag
        headers[.xContentTypeOptions] = "nosniff"
        if let condition = request.headers[.ifNoneMatch], WebSite.matches(ifNoneMatch: condition, etag: asset.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
