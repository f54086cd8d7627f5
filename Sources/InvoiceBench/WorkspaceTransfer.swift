import Foundation
import NIOCore

/// What a browser downloads to show the invoices page the first time: the page, every file
/// it names under `/assets/` and every module those import, and the first 50 invoices.
enum WorkspaceTransfer {
    /// Bytes of that, fetched from the daemon as a browser would (nothing cached).
    static func bytes(client: APIClient) async throws -> Int {
        let page = try await client.get("/")
        guard page.status == 200 else { throw BenchError("GET / answered \(page.status): the workspace is not served") }
        var total = page.body.readableBytes
        var pending = assetPaths(in: page.text, base: nil)
        var fetched: Set<String> = []
        while let path = pending.popLast() {
            guard fetched.insert(path).inserted else { continue }
            let file = try await client.get(path)
            guard file.status == 200 else { throw BenchError("GET \(path) answered \(file.status)") }
            total += file.body.readableBytes
            if path.hasSuffix(".js") || path.hasSuffix(".css") {
                pending += assetPaths(in: file.text, base: String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            }
        }
        let list = try await client.get("/api/invoices/list?limit=50")
        return total + list.body.readableBytes
    }

    /// `/assets/…` paths in `text`, and with `base` (the folder of a module) the `./x.js`
    /// modules it imports: every quoted word without spaces that looks like one (an
    /// apostrophe in prose cannot pair quotes wrongly into a path with spaces).
    static func assetPaths(in text: String, base: String?) -> [String] {
        var paths: [String] = []
        for quote in ["\"", "'"] {
            for candidate in text.components(separatedBy: quote) where !candidate.isEmpty && !candidate.contains(where: \.isWhitespace) {
                if candidate.hasPrefix("/assets/") {
                    paths.append(candidate)
                } else if let base, candidate.hasPrefix("./"), candidate.hasSuffix(".js") || candidate.hasSuffix(".css") {
                    paths.append(base + "/" + candidate.dropFirst(2))
                }
            }
        }
        return paths
    }
}
