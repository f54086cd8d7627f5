@testable import API
import Foundation
import TestSupport
import Testing

/// web/ is what the binary serves: the copy compiled in by scripts/embed-web.sh is the folder
/// byte for byte, and every module a script imports is one of its files (a missing one is a
/// blank page in the browser, with the error only in its console).
@Suite struct WebFilesTests {
    static var folder: String { "\(Fixtures.repositoryRoot)/web" }

    @Test func compiledFiles_areTheWebFolder_byteForByte() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        #expect(names == WebFiles.byName.keys.sorted(), "web/ changed: run scripts/embed-web.sh")
        for name in names {
            let file = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name)"))
            #expect(Data((WebFiles.byName[name] ?? "").utf8) == file, "web/\(name) changed: run scripts/embed-web.sh")
        }
    }

    @Test func everyImportedModule_andTheFilesThePageNames_areFilesOfTheWorkspace() throws {
        let pattern = try NSRegularExpression(pattern: #"(?:from|import)\s*['"]\./([^'"]+)['"]"#)
        var imported: Set<String> = []
        for (name, text) in WebFiles.byName where name.hasSuffix(".js") {
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                imported.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(imported.count >= 3)
        #expect(imported.subtracting(WebFiles.byName.keys).sorted() == [], "modules imported but not in web/")
        let page = try #require(WebFiles.byName[WebSite.pageName])
        for name in ["app.js", "app.css"] { #expect(page.contains("/assets/\(WebSite.versionPlaceholder)/\(name)")) }
        // Every module is reached from app.js: a file nothing imports is dead weight in the binary.
        let scripts = Set(WebFiles.byName.keys.filter { $0.hasSuffix(".js") })
        #expect(scripts.subtracting(imported).subtracting(["app.js"]).sorted() == [], "modules nothing imports")
    }

    /// Issue 16 allows a page 200 KB in all; the workspace's own files (loaded once, then
    /// cached for a year) leave at least 50 KB of that to the data a page shows.
    @Test func theWholeWorkspace_weighsUnder150KB() {
        let bytes = WebFiles.byName.values.reduce(0) { $0 + $1.utf8.count }
        #expect(bytes < 150_000, "web/ is \(bytes) bytes")
        #expect(bytes > 10_000, "web/ looks empty")
    }
}
