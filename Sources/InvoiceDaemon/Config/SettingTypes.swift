import Configuration
import Foundation

// The types a setting's text converts to, through ConfigReader's `as:`. Every one is read from
// the value's text, not with ConfigReader.int/double/bool: the YAML file's snapshot refuses a
// quoted "1000" for an int and takes YAML 1.1's 1_000, 0x10 and 1:30 (= 90) for one, flags
// sit as strings in an InMemoryProvider, which converts nothing, and the environment's yes/1
// booleans are not what config/invoiced.yaml documents. From text, a value means the same
// from a flag, the environment or the file, quoted or not. Each trims spaces, as a value
// pasted with one still means what it says.

/// A whole number in decimal digits, with an optional sign.
struct WholeNumber: ExpressibleByConfigString {
    let value: Int

    init?(configString: String) {
        guard let value = Int(configString.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.value = value
    }

    var description: String { "\(value)" }
}

/// A finite decimal number (`0.8`, `60`, `1e3`); `nan` and `inf` are not settings.
struct DecimalNumber: ExpressibleByConfigString {
    let value: Double

    init?(configString: String) {
        guard let value = Double(configString.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        self.value = value
    }

    var description: String { "\(value)" }
}

/// A length of time: seconds as a number, or with a unit (`500ms`, `2s`, `5m`, `1h`), from 0
/// to a week (longer is a typo, and would overflow the timers it is given to).
struct SettingDuration: ExpressibleByConfigString {
    /// What every duration key accepts, as errors say it.
    static let expected = "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h)"
    private static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    private static let longest: Double = 86_400 * 7

    let seconds: Double

    init?(configString: String) {
        let text = configString.trimmingCharacters(in: .whitespaces).lowercased()
        var seconds = Double(text)
        // `ms` comes before `s` in the table: 500ms ends with both.
        if seconds == nil, let unit = Self.units.first(where: { text.hasSuffix($0.suffix) }),
           let number = Double(text.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)) {
            seconds = number * unit.seconds
        }
        guard let seconds, seconds.isFinite, seconds >= 0, seconds <= Self.longest else { return nil }
        self.seconds = seconds
    }

    var description: String { "\(seconds)s" }
}

/// `socket_mode`: a file mode in octal, as chmod takes it.
struct FileMode: ExpressibleByConfigString {
    let bits: UInt32

    init?(configString: String) {
        guard let bits = UInt32(configString.trimmingCharacters(in: .whitespaces), radix: 8), bits <= 0o777 else { return nil }
        self.bits = bits
    }

    var description: String { "0" + String(bits, radix: 8) }
}

/// One of an enum's cases by its raw value, upper or lower case alike (`OFF` is `off`), as
/// the cases are names people type.
struct Choice<Option: RawRepresentable & CaseIterable>: ExpressibleByConfigString where Option.RawValue == String {
    /// The accepted values, as errors say them.
    static var expected: String {
        "one of \(Option.allCases.map(\.rawValue).joined(separator: ", "))"
    }

    let option: Option

    init?(configString: String) {
        let text = configString.trimmingCharacters(in: .whitespaces).lowercased()
        guard let option = Option.allCases.first(where: { $0.rawValue.lowercased() == text }) else { return nil }
        self.option = option
    }

    var description: String { option.rawValue }
}

/// A yes-or-no setting, written `true` or `false` as config/invoiced.yaml writes it.
enum TrueOrFalse: String, CaseIterable {
    case `true`, `false`
}

/// `duplicates`: what a second file with the same content becomes.
enum DuplicatePolicy: String, CaseIterable {
    /// A `duplicate` job pointing at the first, and no second invoice.
    case skip
    /// Read and stored again.
    case reprocess
}
