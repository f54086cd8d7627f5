import Foundation
import Glibc

/// Runs a command-line tool (poppler's) with a deadline and an address-space limit, so a
/// hostile PDF can neither hang a worker nor eat the machine's memory. Blocking: call it on
/// a worker thread.
enum ToolRunner {
    /// What a run produced.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `tool` with `arguments`; throws `deadlineExceeded` after `timeout` seconds.
    static func run(_ tool: String, _ arguments: [String], timeout: Double, memoryLimitMB: Int = 2048,
                    outputLimit: Int = 4 << 20) throws(OCRError) -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("invoiced-tool-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path, errPath = folder.appendingPathComponent("err").path
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        // prlimit (util-linux) caps the tool's address space: a decompression bomb fails
        // inside the tool instead of swapping the machine.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = ["--as=\(memoryLimitMB << 20)", "--", tool] + arguments
        // An empty environment: the daemon's holds secrets (GROQ_API_KEY) that a tool reading a
        // hostile PDF has no business seeing. Both programs are named by absolute path.
        process.environment = [:]
        do {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            try process.run()
        } catch {
            throw .io("cannot run \(tool): \(error.localizedDescription) (install poppler-utils)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw .deadlineExceeded(seconds: timeout)
            }
            usleep(5_000)
        }
        func read(_ path: String) -> String {
            guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
            defer { try? handle.close() }
            return String(decoding: (try? handle.read(upToCount: outputLimit)) ?? Data(), as: UTF8.self)
        }
        return Output(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
    }
}
