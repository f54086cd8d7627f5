import Foundation
import HTTPTypes
import Hummingbird

/// The web workspace as the daemon serves it: the page at `/` and its files at
/// `/assets/<version>/<name>`, each with its type and `ETag`, prepared once.
///
/// The version in the assets' path is a hash of every file, so a file's URL changes whenever
/// any file does: a browser may keep an asset for a year without asking again, and a page
/// from a newer binary never runs with a module left in the cache by an older one. The page
/// itself is `no-cache` (asked for again each time, answered 304 while unchanged).
struct WebSite: Sendable {
    /// One file as served.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        /// A strong validator: the hash of the bytes, quoted.
        let etag: String
    }

    /// What the page's text writes where the assets' version goes (`/assets/__VERSION__/app.js`).
    static let versionPlaceholder = "__VERSION__"
    /// The file served at `/`.
    static let pageName = "index.html"

    /// The hash of every file's name and bytes, 12 hex digits.
    let version: String
    /// `index.html` with the version in its asset paths.
    let page: Asset
    /// The other files by name.
    let assets: [String: Asset]

    /// The site of the binary: web/ as scripts/embed-web.sh compiled it in.
    static let embedded = WebSite(files: WebFiles.byName)

    init(files: [String: String]) {
        var whole = FNV1a()
        for name in files.keys.sorted() {
            whole.add(Array(name.utf8) + [0])
            whole.add(Array(files[name]!.utf8) + [0])
        }
        version = String(whole.hex.prefix(12))
        var assets: [String: Asset] = [:]
        for (name, text) in files where name != Self.pageName {
            assets[name] = Self.asset(text, type: Self.contentType(of: name))
        }
        self.assets = assets
        let pageText = (files[Self.pageName] ?? "").replacingOccurrences(of: Self.versionPlaceholder, with: version)
        page = Self.asset(pageText, type: "text/html; charset=utf-8")
    }

    private static func asset(_ text: String, type: String) -> Asset {
        var hash = FNV1a()
        hash.add(Array(text.utf8))
        return Asset(body: ByteBuffer(string: text), contentType: type, etag: "\"\(hash.hex)\"")
    }

    /// The `Content-Type` of a file by its extension (scripts/embed-web.sh lets no other in).
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// Whether an `If-None-Match` header names `etag` (or is `*`). Weak validators compare
    /// equal to strong ones here (RFC 9110's weak comparison, which GET uses).
    static func matches(ifNoneMatch header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}

/// 64-bit FNV-1a: a fast hash for validators and the version, not for secrets (nothing here
/// is one: every byte hashed is served to anyone who asks).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
