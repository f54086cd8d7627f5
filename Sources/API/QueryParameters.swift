import Foundation
import Hummingbird
import InvoiceExtraction

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
        // The rule a corrected invoice_date follows: a real day, so a filter cannot ask for
        // the 31st of February.
        guard FieldRules.dateProblem(raw) == nil else {
            throw APIError(.badRequest, "\(name) must be a date YYYY-MM-DD, not '\(raw.prefix(40))'")
        }
        return raw
    }
}
