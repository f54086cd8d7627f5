import Foundation
import TestSupport
import Testing

/// docs/ARCHITECTURE.md's module graph is written by scripts/architecture.py from the `import`
/// lines of Sources/ and Package.swift, and its Modules list must name every folder of
/// Sources/. A module, an import or a dependency added without running the script fails here,
/// so the map a new maintainer reads cannot drift from the code.
@Suite struct ArchitectureMapTests {
    static let script = "\(Fixtures.repositoryRoot)/scripts/architecture.py"
    static let document = "\(Fixtures.repositoryRoot)/docs/ARCHITECTURE.md"

    @Test func committedModuleGraph_isWhatTheImportsAndPackageSwiftSay() async throws {
        let run = try await Self.runScript(["--check"])
        #expect(run.status == 0, """
            docs/ARCHITECTURE.md does not match the code: run `python3 scripts/architecture.py`, \
            describe any new module in its Modules list, and commit the result.
            \(run.stderr)
            """)
    }

    /// The check itself can fail: a copy of the committed map with an arrow and a module's
    /// line taken out is refused, with the command that repairs it.
    @Test func editedMap_isRefused_withTheCommandThatRewritesIt() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-architecture")
        let original = try String(contentsOfFile: Self.document, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        let arrow = try #require(lines.firstIndex(of: "  Pipeline --> OCR"), "the committed graph has no Pipeline --> OCR arrow")
        lines.remove(at: arrow)
        let ocrLine = try #require(lines.firstIndex { $0.hasPrefix("- `OCR/`") }, "the Modules list does not describe OCR/")
        lines.remove(at: ocrLine)
        let edited = dir.appending("ARCHITECTURE.md")
        try lines.joined(separator: "\n").write(toFile: edited, atomically: true, encoding: .utf8)

        let run = try await Self.runScript(["--check", "--doc", edited])

        #expect(run.status == 1)
        #expect(run.stderr.contains("+  Pipeline --> OCR"), "the diff shows the missing arrow:\n\(run.stderr)")
        #expect(run.stderr.contains("run `python3 scripts/architecture.py`"))
        #expect(run.stderr.contains("Sources/OCR/ is not described"))
        #expect(try String(contentsOfFile: edited, encoding: .utf8) == lines.joined(separator: "\n"), "--check wrote the file")
    }

    /// In a repository of two modules, a third that imports one of them makes the written map
    /// stale until the script runs again and the module is described.
    @Test func newModuleAndImport_makeTheMapStale_untilRewrittenAndDescribed() async throws {
        let repo = try TemporaryDirectory(prefix: "invoiced-architecture-repo")
        let markers = try String(contentsOfFile: Self.document, encoding: .utf8).components(separatedBy: "\n")
            .filter { $0.hasPrefix("<!-- BEGIN module graph") || $0.hasPrefix("<!-- END module graph") }
        try #require(markers.count == 2, "docs/ARCHITECTURE.md has one BEGIN and one END marker")
        func write(_ text: String, _ path: String) throws {
            let folder = URL(fileURLWithPath: repo.appending(path)).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(toFile: repo.appending(path), atomically: true, encoding: .utf8)
        }
        func manifest(_ targets: String) -> String {
            "// swift-tools-version:6.2\nimport PackageDescription\nlet package = Package(name: \"mini\", targets: [\n\(targets)\n])\n"
        }
        func modulesList(_ names: [String]) -> String {
            "# Mini\n\n## Modules\n\n" + names.map { "- `\($0)/` — \($0).\n" }.joined() + "\n## Map\n\n"
                + markers.joined(separator: "\n") + "\n"
        }
        try write(manifest(#".target(name: "Store"), .target(name: "Daemon", dependencies: ["Store"]),"#), "Package.swift")
        try write("import Foundation\nimport Store\n", "Sources/Daemon/Daemon.swift")
        try write("public struct Store {}\n", "Sources/Store/Store.swift")
        try write(modulesList(["Daemon", "Store"]), "docs/ARCHITECTURE.md")

        let written = try await Self.runScript(["--root", repo.path])
        #expect(written.status == 0, "\(written.stderr)")
        let map = try String(contentsOfFile: repo.appending("docs/ARCHITECTURE.md"), encoding: .utf8)
        #expect(map.contains("  Daemon --> Store"))
        #expect(map.contains("| `Store` | library | - | Daemon | - |"))
        #expect(try await Self.runScript(["--root", repo.path, "--check"]).status == 0)

        try write(manifest(#".target(name: "Store"), .target(name: "Daemon", dependencies: ["Store"]), .target(name: "API", dependencies: ["Store"]),"#),
                  "Package.swift")
        try write("import Store\n", "Sources/API/Routes.swift")
        let stale = try await Self.runScript(["--root", repo.path, "--check"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("+  API --> Store"), "\(stale.stderr)")
        #expect(stale.stderr.contains("out of date"))
        #expect(stale.stderr.contains("Sources/API/ is not described"))

        try write(modulesList(["API", "Daemon", "Store"]), "docs/ARCHITECTURE.md")
        #expect(try await Self.runScript(["--root", repo.path]).status == 0)
        let fresh = try await Self.runScript(["--root", repo.path, "--check"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
    }

    struct ScriptRun: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct ScriptDidNotFinish: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 scripts/architecture.py` with `arguments` on a thread of its own (not one
    /// of the cooperative pool), for at most 60 s; its output goes to files, which a chatty
    /// diff cannot fill up and block as a pipe would.
    static func runScript(_ arguments: [String]) async throws -> ScriptRun {
        let script = Self.script
        return try await onOwnThread {
            let dir = try TemporaryDirectory(prefix: "invoiced-architecture-run")
            let out = dir.appending("stdout"), err = dir.appending("stderr")
            for path in [out, err] where !FileManager.default.createFile(atPath: path, contents: nil) {
                throw ScriptDidNotFinish(description: "cannot create \(path)")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script] + arguments
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            let finished = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in finished.signal() }
            try process.run()
            guard finished.wait(timeout: .now() + 60) == .success else {
                process.terminate()
                throw ScriptDidNotFinish(description: "python3 scripts/architecture.py \(arguments.joined(separator: " ")) ran over 60 s")
            }
            return ScriptRun(status: process.terminationStatus,
                             stdout: try String(contentsOfFile: out, encoding: .utf8),
                             stderr: try String(contentsOfFile: err, encoding: .utf8))
        }
    }
}
