import Foundation

/// Runs the scripted baselines and small helper commands through `/bin/sh`, exactly as a
/// user would type them. Blocking: call from a dedicated thread (`Blocking.run`).
public enum Shell {
    /// A command that exited with a failure status.
    public struct Failure: Error, CustomStringConvertible {
        /// The script that failed.
        public var script: String
        /// Its exit status.
        public var status: Int32
        /// The end of what it printed.
        public var output: String
        public var description: String { "`\(script)` exited with \(status): \(output.suffix(600))" }
    }

    /// Runs `script` in `directory` with exactly `environment`; throws when it fails.
    public static func run(_ script: String, environment: [String: String], directory: String? = nil) throws {
        _ = try capture(script, environment: environment, directory: directory)
    }

    /// Runs `script` with the bench's own environment and returns what it printed (stdout
    /// and stderr).
    public static func output(_ script: String, directory: String? = nil) throws -> String {
        try capture(script, environment: ProcessInfo.processInfo.environment, directory: directory)
    }

    private static func capture(_ script: String, environment: [String: String], directory: String?) throws -> String {
        // Output goes to a file, not a pipe: a chatty command cannot block on a full pipe.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sh-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        // posix_spawn's chdir action is a GNU extension Swift does not see: the shell changes folder.
        let command = directory.map { "cd \(shellQuoted($0)) && \(script)" } ?? script
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", command], environment: environment, output: output)
        let status = child.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(script: script, status: status, output: text) }
        return text
    }
}

/// Blocking work (child processes, file copies, SQLite bulk loads, polling loops) on a
/// thread of its own, so the cooperative pool that drives the HTTP load never waits on it.
public enum Blocking {
    /// Runs `work` on a new thread and returns its result.
    public static func run<T: Sendable>(_ name: String = "invoiced-bench-blocking",
                                        _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = name
            thread.start()
        }
    }
}
