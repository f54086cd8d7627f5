@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The web workspace as a browser meets it: the page at `/` with the headers that keep
/// document text from running as script and other sites from framing it, its files under
/// `/assets/<version>/` with their types, and 304 for a copy the browser already holds.
@Suite struct WebRouteTests {
    static let site = WebSite.embedded

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    @Test func page_isHTML_withCSPWithoutInlineScript_nosniff_noCache_andNamesItsVersionedFiles() async throws {
        let f = try APIFixture()
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let csp = try #require(response.headers[.contentSecurityPolicy])
            for directive in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"] {
                #expect(csp.contains(directive), "\(csp)")
            }
            #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval") && !csp.contains("http"), "\(csp)")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(Self.header(response, "X-Frame-Options") == "DENY")
            #expect(Self.header(response, "Referrer-Policy") == "same-origin")
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.eTag] == Self.site.page.etag)
            let html = String(buffer: response.body)
            #expect(html.contains(#"<script type="module" src="/assets/\#(Self.site.version)/app.js"></script>"#), "\(html)")
            #expect(html.contains(#"href="/assets/\#(Self.site.version)/app.css""#))
            #expect(!html.contains(WebSite.versionPlaceholder))
            #expect(html.contains(#"<html lang="vi">"#), "Vietnamese by default")
            // Every script is a file of the site: an inline one would be refused by the policy anyway.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(!scripts.isEmpty && scripts.allSatisfy { $0.hasPrefix(#" type="module" src="/assets/"#) }, "\(html)")
            #expect(!html.contains("http://") && !html.contains("https://"), "no CDN, no external font")
        }
    }

    @Test func everyFile_isServedWithItsType_nosniff_andKeptForAYear() async throws {
        let f = try APIFixture()
        let names = WebFiles.byName.keys.filter { $0 != WebSite.pageName }
        #expect(names.contains("app.js") && names.contains("app.css"))
        try await f.app.test(.router) { client in
            for name in names {
                let response = try await client.execute(uri: "/assets/\(Self.site.version)/\(name)", method: .get)
                #expect(response.status == .ok, "\(name)")
                #expect(response.headers[.contentType] == WebSite.contentType(of: name), "\(name)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(name)")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable", "\(name)")
                #expect(response.headers[.eTag] == Self.site.assets[name]?.etag, "\(name)")
                #expect(String(buffer: response.body) == WebFiles.byName[name], "\(name)")
            }
            let script = try await client.execute(uri: "/assets/\(Self.site.version)/app.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8", "a module must be JavaScript, or the browser refuses it")
        }
    }

    @Test func theBrowsersOwnCopy_is304_withoutABody_overHTTP1_andAnotherCopyGetsTheFile() async throws {
        let f = try APIFixture()
        var context = f.context
        context.hostPolicy = HostPolicy()
        let site = Self.site
        try await Application(router: APIRouter.build(context)).test(.live) { client in
            let port = try #require(client.port)
            for (path, etag) in [("/", site.page.etag), ("/assets/\(site.version)/app.js", site.assets["app.js"]!.etag)] {
                for condition in [etag, "W/\(etag)", "\"0000\", \(etag)", "*"] {
                    let reply = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                        "GET", path, host: "127.0.0.1:\(port)", headers: ["If-None-Match: \(condition)"]))
                    #expect(reply.status == 304, "\(path) If-None-Match: \(condition)")
                    #expect(reply.body.isEmpty, "\(path): \(reply.body.prefix(80))")
                    #expect(reply.head.lowercased().contains("etag: \(etag)"), "\(reply.head)")
                    #expect(reply.head.lowercased().contains("cache-control:"), "\(reply.head)")
                }
                let other = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message(
                    "GET", path, host: "127.0.0.1:\(port)", headers: [#"If-None-Match: "0123456789abcdef""#]))
                #expect(other.status == 200, "\(path)")
                #expect(!other.body.isEmpty)
            }
            // The page is behind the same Host check as the API (DNS rebinding).
            let rebound = try await RawHTTPClient.exchange(port: port, RawHTTPClient.message("GET", "/", host: "attacker.example:\(port)"))
            #expect(rebound.status == 421)
        }
    }

    @Test func anotherVersion_anUnknownName_andThePageUnderAssets_are404_asJSON() async throws {
        let f = try APIFixture()
        let version = Self.site.version
        try await f.app.test(.router) { client in
            for path in ["/assets/000000000000/app.js", "/assets/\(version)/missing.js", "/assets/\(version)/index.html"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(path)")
                #expect(try json(response)["error"] is String)
            }
            let old = try json(try await client.execute(uri: "/assets/000000000000/app.js", method: .get))
            #expect((old["error"] as? String)?.contains("reload the page") == true)
        }
    }

    @Test func changingOneFile_changesTheVersion_andOnlyThatFilesETag() {
        let page = #"<script type="module" src="/assets/__VERSION__/app.js"></script>"#
        let before = WebSite(files: ["index.html": page, "app.js": "export const a = 1;\n", "app.css": "body {}\n"])
        let after = WebSite(files: ["index.html": page, "app.js": "export const a = 2;\n", "app.css": "body {}\n"])
        #expect(before.version != after.version)
        #expect(before.assets["app.js"]?.etag != after.assets["app.js"]?.etag)
        #expect(before.assets["app.css"]?.etag == after.assets["app.css"]?.etag)
        // The page names the new version, so it changes too and the browser fetches the new files.
        #expect(before.page.etag != after.page.etag)
        #expect(String(buffer: after.page.body) == #"<script type="module" src="/assets/\#(after.version)/app.js"></script>"#)
        #expect(before.version.count == 12 && before.version.allSatisfy(\.isHexDigit))
    }
}
