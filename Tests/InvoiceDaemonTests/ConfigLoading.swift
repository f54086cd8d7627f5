import Foundation
@testable import InvoiceDaemon
import TestSupport

/// Loads the daemon's configuration as `invoiced` does, from flags, an environment and a
/// YAML text written into a fresh folder, which relative paths are taken from.
struct ConfigLoading {
    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory()
    }

    /// The configuration, or the error that stops the start.
    func load(flags: [SettingKey: String] = [:], env: [String: String] = [:], file: String? = nil) async throws -> DaemonConfig {
        var path: String?
        if let file {
            path = dir.appending("invoiced.yaml")
            try file.write(toFile: path!, atomically: true, encoding: .utf8)
        }
        return try await load(env: env, flags: flags, configFile: path)
    }

    /// The configuration read from the file at `configFile`.
    func load(env: [String: String] = [:], flags: [SettingKey: String] = [:], configFile: String?) async throws -> DaemonConfig {
        try await ConfigLoader(flags: flags, environment: env, configFile: configFile, workingDirectory: dir.path).load()
    }

    /// What the start would say is wrong, or "no error".
    func error(flags: [SettingKey: String] = [:], env: [String: String] = [:], file: String? = nil) async -> String {
        do {
            _ = try await load(flags: flags, env: env, file: file)
            return "no error"
        } catch {
            return "\(error)"
        }
    }
}
