import Foundation

/// JSON text already encoded (a stored `checks` object), written into a response as it is.
struct RawJSON {
    let text: String
}

/// JSON text of the Foundation values the controllers build (`[String: Any]`, arrays,
/// strings, Swift numbers and booleans, `NSNull`, `RawJSON`), keys sorted by code point.
///
/// `JSONSerialization`'s `.sortedKeys` compares keys with the locale's collation and
/// creates a `CFLocale` for every comparison: 76 % of the CPU of `GET /api/invoices/list`
/// and about a third of a status request's went there (docs/BENCHMARKS.md).
enum JSONText {
    /// A value that JSON cannot hold (an infinite number, an unknown type).
    struct Unencodable: Error, CustomStringConvertible {
        let description: String
    }

    /// `value` as UTF-8 JSON.
    static func encode(_ value: Any) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        try write(value, to: &out)
        return out
    }

    private static func write(_ value: Any, to out: inout [UInt8]) throws {
        // Exact Swift types first: a Swift Bool or Int also casts to NSNumber, and an
        // NSNumber 1 to Bool.
        switch value {
        case let string as String: writeString(string, to: &out)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(object[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case is NSNull: out.append(contentsOf: Array("null".utf8))
        case let raw as RawJSON: out.append(contentsOf: Array(raw.text.utf8))
        default: try writeScalar(value, to: &out)
        }
    }

    private static func writeScalar(_ value: Any, to out: inout [UInt8]) throws {
        if type(of: value) == Bool.self, let flag = value as? Bool {
            out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        } else if type(of: value) == Int.self, let number = value as? Int {
            out.append(contentsOf: Array(String(number).utf8))
        } else if type(of: value) == Int64.self, let number = value as? Int64 {
            out.append(contentsOf: Array(String(number).utf8))
        } else if type(of: value) == Int32.self, let number = value as? Int32 {
            out.append(contentsOf: Array(String(number).utf8))
        } else if type(of: value) == Double.self, let number = value as? Double {
            try writeDouble(number, to: &out)
        } else if let number = value as? NSNumber {
            // Parsed JSON: booleans are NSNumbers whose type is a C char.
            if String(cString: number.objCType) == "c" {
                out.append(contentsOf: Array((number.boolValue ? "true" : "false").utf8))
            } else {
                try writeDouble(number.doubleValue, to: &out)
            }
        } else {
            throw Unencodable(description: "cannot write a \(type(of: value)) as JSON")
        }
    }

    private static func writeDouble(_ number: Double, to out: inout [UInt8]) throws {
        guard number.isFinite else { throw Unencodable(description: "cannot write \(number) as JSON") }
        // Whole amounts print without a fraction, as JSONSerialization wrote them.
        if number == number.rounded(), abs(number) < 1e15 {
            out.append(contentsOf: Array(String(Int64(number)).utf8))
        } else {
            out.append(contentsOf: Array("\(number)".utf8))
        }
    }

    private static func writeString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
