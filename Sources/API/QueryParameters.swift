import Foundation
import Hummingbird

/// Query parameters read with 400 errors that name the parameter.
struct QueryParameters {
    let request: Request

    func string(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw APIError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return value
    }

    func double(_ name: String) throws -> Double? {
        guard let raw = string(name) else { return nil }
        guard let value = Double(raw), value.isFinite else { throw APIError(.badRequest, "\(name) must be a number, not '\(raw)'") }
        return value
    }

    /// `true` or `false`, as JSON writes them; anything else is a 400, not "no filter".
    func bool(_ name: String) throws -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw APIError(.badRequest, "\(name) must be true or false, not '\(raw)'")
        }
    }

    /// An ISO date `YYYY-MM-DD`.
    func date(_ name: String) throws -> String? {
        guard let raw = string(name) else { return nil }
        let parts = raw.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil,
              (1...12).contains(month), (1...31).contains(day) else {
            throw APIError(.badRequest, "\(name) must be a date YYYY-MM-DD, not '\(raw)'")
        }
        return raw
    }
}
