import Foundation
import TestSupport

/// What a finished command printed and how it exited.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` to its end (at most `timeout` seconds), its output
/// captured in files so that a chatty command cannot block on a full pipe.
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                in directory: String? = nil, timeout: Double = 600) async throws -> CommandResult {
    let dir = try TemporaryDirectory(prefix: "invoiced-cmd")
    let out = dir.appending("stdout"), err = dir.appending("stderr")
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    let finished = await waitUntil(timeout: timeout) { !process.isRunning }
    if !finished {
        process.terminate()
        throw TestFailure("\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
    }
    return CommandResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// The first of `candidates` that is an executable file.
func findExecutable(_ candidates: [String]) -> String? {
    candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The environment of the tests without what systemd or the developer's shell would set
/// for the daemon, plus `extra`.
func cleanEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INVOICED_") }
    for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY",
                "STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CONFIGURATION_DIRECTORY", "GROQ_API_KEY"] {
        env.removeValue(forKey: key)
    }
    for (key, value) in extra { env[key] = value }
    return env
}

/// Runs the built `invoicectl` with `arguments` in `directory`, without `INVOICED_SOCKET`
/// (so each test names its daemon's socket, or relies on finding it); returns exit status,
/// stdout and stderr.
func invoicectl(_ arguments: [String], in directory: String = "/") throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(Fixtures.repositoryRoot)/.build/debug/invoicectl")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "INVOICED_SOCKET")
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
}
