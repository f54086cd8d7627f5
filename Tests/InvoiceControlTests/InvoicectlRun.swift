import Foundation
import TestSupport

/// What one run of the built `invoicectl` showed the person who typed it: its exit code and
/// what it printed on each stream.
struct InvoicectlRun: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout's non-empty lines.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Whether it printed a character a terminal would act on (a C0 control but newline,
    /// DEL, a C1 control) instead of showing it as `\u{1B}`.
    var printedRawControlCharacters: Bool {
        (stdout + stderr).unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// The path of the `invoicectl` that `swift build` made, as a user runs it.
    static let executable = "\(Fixtures.repositoryRoot)/.build/debug/invoicectl"

    /// Runs `invoicectl arguments` in `folder` with the tests' environment minus every
    /// `INVOICED_*` (so only what a test passes points at a daemon), plus `environment`
    /// (a value of `nil` removes that variable). Output goes to files, not pipes, so that
    /// nothing blocks on a full pipe; a run longer than `timeout` is killed and fails.
    static func run(_ arguments: [String], in folder: String, environment: [String: String?] = [:],
                    timeout: Duration = .seconds(60)) async throws -> InvoicectlRun {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw InvoicectlDidNotRun("\(executable) is missing: build first (swift build --build-tests)")
        }
        let outputs = try TemporaryDirectory(prefix: "invoicectl-output")
        let out = outputs.appending("stdout"), err = outputs.appending("stderr")
        guard FileManager.default.createFile(atPath: out, contents: nil),
              FileManager.default.createFile(atPath: err, contents: nil) else {
            throw InvoicectlDidNotRun("cannot create output files in \(outputs.path)")
        }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INVOICED_") }
        env["USER"] = "ke-toan"
        for (key, value) in environment { env[key] = value }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let (exits, exited) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()

        // Whichever comes first: the exit, or the deadline (then the process is killed).
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                var iterator = exits.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            throw InvoicectlDidNotRun("invoicectl \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        // Decoded as bytes: Foundation's String(contentsOfFile:) would drop a CSV's BOM.
        return InvoicectlRun(status: status,
                             stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: err)), as: UTF8.self))
    }
}

/// `invoicectl` could not be run, or did not end in time.
struct InvoicectlDidNotRun: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension StubDaemon {
    /// `invoicectl arguments --socket <this stub's socket>`, run in the stub's folder.
    func invoicectl(_ arguments: [String], environment: [String: String?] = [:]) async throws -> InvoicectlRun {
        try await InvoicectlRun.run(arguments + ["--socket", socket], in: folder.path, environment: environment)
    }
}
