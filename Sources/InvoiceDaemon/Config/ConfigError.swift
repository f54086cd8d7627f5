/// A configuration problem, worded for the person who has to fix it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and, where it helps, what is accepted.
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    /// A value that does not parse, naming the key, where it came from and what is accepted.
    static func badValue(_ key: SettingKey, _ value: String, expected: String) -> ConfigError {
        ConfigError("invalid value '\(value)' for \(key.name) (flag, \(key.environmentVariable) or config file): expected \(expected)")
    }

    public var description: String { message }
}
