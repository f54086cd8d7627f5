import Configuration
import Foundation

/// Each key's value as a typed value, read through swift-configuration (flags over the
/// environment over the file), or the `SettingKey` table's default when no source sets it;
/// a value that does not convert stops the start with `ConfigError.badValue`.
struct SettingsReader {
    let reader: ConfigReader

    /// The text the winning source gives `key`, trimmed; nil when none gives one or the
    /// winner leaves it blank. Blank means the default, so `workers: ""` in the file and
    /// `INVOICED_WORKERS=` in a unit both mean one worker per core.
    func text(_ key: SettingKey, isSecret: Bool = false) -> String? {
        let text = reader.string(forKey: ConfigKey(key.name), isSecret: isSecret)?.trimmingCharacters(in: .whitespaces)
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// The text of `key`, else its default.
    func textOrDefault(_ key: SettingKey) -> String {
        text(key) ?? key.defaultValue
    }

    /// `key`'s value converted to `Value`, else its default converted the same way.
    /// `expected` says what is accepted, for the error.
    func value<Value: ExpressibleByConfigString>(_ key: SettingKey, as type: Value.Type, expected: String) throws -> Value {
        guard let text = text(key) else {
            guard let value = Value(configString: key.defaultValue) else {
                throw ConfigError("the built-in default '\(key.defaultValue)' of \(key.name) is not \(expected); SettingKey's table is wrong")
            }
            return value
        }
        do {
            // The throwing getter: the others answer nil, or a default, for a value that does
            // not convert, and the daemon would start on a setting nobody chose.
            return try reader.requiredString(forKey: ConfigKey(key.name), as: Value.self)
        } catch {
            // swift-configuration's error names the key and the Swift type; the person fixing
            // it needs the value they wrote and what is accepted.
            throw ConfigError.badValue(key, text, expected: expected)
        }
    }

    /// A whole number within `range`.
    func wholeNumber(_ key: SettingKey, in range: ClosedRange<Int>) throws -> Int {
        let expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        let number = try value(key, as: WholeNumber.self, expected: expected).value
        guard range.contains(number) else { throw ConfigError.badValue(key, textOrDefault(key), expected: expected) }
        return number
    }

    /// A decimal number within `range`; `expected` replaces the range in the error where
    /// the number needs explaining.
    func number(_ key: SettingKey, in range: ClosedRange<Double>, expected: String? = nil) throws -> Double {
        let expected = expected ?? "a number from \(range.lowerBound) to \(range.upperBound)"
        let number = try value(key, as: DecimalNumber.self, expected: expected).value
        guard range.contains(number) else { throw ConfigError.badValue(key, textOrDefault(key), expected: expected) }
        return number
    }

    /// Seconds; `allowZero` for keys where 0 means never or at once rather than a mistake.
    func seconds(_ key: SettingKey, allowZero: Bool) throws -> Double {
        let expected = SettingDuration.expected + (allowZero ? "" : " greater than 0")
        let seconds = try value(key, as: SettingDuration.self, expected: expected).seconds
        guard allowZero || seconds > 0 else { throw ConfigError.badValue(key, textOrDefault(key), expected: expected) }
        return seconds
    }

    /// One of `Option`'s cases, named in any case.
    func choice<Option>(_ key: SettingKey, as type: Option.Type) throws -> Option
        where Option: RawRepresentable & CaseIterable, Option.RawValue == String {
        try value(key, as: Choice<Option>.self, expected: Choice<Option>.expected).option
    }

    /// A `true` or `false` key.
    func isTrue(_ key: SettingKey) throws -> Bool {
        try choice(key, as: TrueOrFalse.self) == .true
    }
}
