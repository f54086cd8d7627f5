import Configuration
import Foundation
import Ingest
import JobStore
import Logging
import Pipeline
import SystemPackage
import Yams

/// Reads the settings from flags, environment and YAML file (flags win over the environment,
/// the environment over the file) through swift-configuration, then checks every value.
/// Defaults are not a source here: each is in the `SettingKey` table, used when no source
/// sets the key.
public struct ConfigLoader: Sendable {
    /// Values given as command-line flags, by key.
    var flags: [SettingKey: String]
    /// The process environment.
    var environment: [String: String]
    /// `--config`, if given.
    var configFile: String?
    /// Folder relative paths are resolved against.
    var workingDirectory: String

    /// Loads and validates everything.
    public func load() async throws -> DaemonConfig {
        let file = try resolveConfigFile()
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: Dictionary(uniqueKeysWithValues: flags.map { key, value in
                (AbsoluteConfigKey(key.name.split(separator: ".").map(String.init)), ConfigValue(.string(value), isSecret: false))
            })),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "invoiced"),
        ]
        if let file {
            try checkKnownKeys(file)
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file)))
            } catch {
                throw ConfigError("cannot read config file \(file): \(error)")
            }
        }
        let settings = SettingsReader(reader: ConfigReader(providers: providers))
        return try ConfigValues(settings: settings, environment: environment, workingDirectory: workingDirectory, configFile: file).config()
    }

    /// `--config`, else `INVOICED_CONFIG`, else `$CONFIGURATION_DIRECTORY/invoiced.yaml`
    /// (systemd's `ConfigurationDirectory=`) when it exists; nil runs on defaults.
    func resolveConfigFile() throws -> String? {
        if let explicit = configFile ?? environment["INVOICED_CONFIG"], !explicit.isEmpty {
            let path = absolute(explicit, in: workingDirectory)
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ConfigError("config file \(path) does not exist or is not readable (from --config or INVOICED_CONFIG)")
            }
            return path
        }
        if let folder = environment["CONFIGURATION_DIRECTORY"], !folder.isEmpty {
            let path = "\(folder.split(separator: ":").first ?? "")/invoiced.yaml"
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A misspelt key, or a list or mapping given to a key, would otherwise be passed over in
    /// silence (swift-configuration finds no single value there) and its default used.
    func checkKnownKeys(_ file: String) throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ConfigError("cannot read config file \(file): \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ConfigError("config file \(file) is not valid YAML: \(error)")
        }
        guard let node else { return }
        guard node.mapping != nil else {
            throw ConfigError("config file \(file) must be a mapping of keys to values (see config/invoiced.yaml)")
        }
        let known = Set(SettingKey.all.map(\.name))
        var unknown: [String] = []
        var notSingle: [String] = []
        func walk(_ node: Node, prefix: String) {
            guard let mapping = node.mapping else { return }
            for (key, child) in mapping {
                let name = prefix.isEmpty ? (key.string ?? "?") : "\(prefix).\(key.string ?? "?")"
                if child.mapping != nil, !known.contains(name) {
                    walk(child, prefix: name)
                } else if !known.contains(name) {
                    unknown.append(name)
                } else if child.scalar == nil {
                    notSingle.append(name)
                }
            }
        }
        walk(node, prefix: "")
        if !unknown.isEmpty {
            throw ConfigError("config file \(file) has unknown key(s): \(unknown.sorted().joined(separator: ", ")); known keys: \(known.sorted().joined(separator: ", "))")
        }
        if !notSingle.isEmpty {
            throw ConfigError("config file \(file): \(notSingle.joined(separator: ", ")) take(s) a single value, not a list or mapping (see config/invoiced.yaml)")
        }
    }
}

/// `path` made absolute against `folder`.
func absolute(_ path: String, in folder: String) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    return normalize("\(folder)/\(path)")
}

private func normalize(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
