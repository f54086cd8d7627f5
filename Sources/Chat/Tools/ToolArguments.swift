import APIWire
import Foundation
import JobStore

/// A tool's arguments as the model sent them, read leniently (models quote numbers, send
/// `null` or `""` for "not set") and checked strictly: a bad value is an error the model reads
/// and can correct, never a guess.
struct ToolArguments {
    /// A value the model must correct.
    struct Invalid: Error {
        let message: String
    }

    let members: [String: JSONValue]

    /// Parses the JSON text of the arguments.
    init(json: String) throws {
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            members = [:]
            return
        }
        guard let value = JSONValue.parse(trimmed), case let .object(members) = value else {
            throw Invalid(message: "arguments must be a JSON object")
        }
        self.members = members
    }

    private func present(_ name: String) -> JSONValue? {
        switch members[name] {
        case nil, .null: return nil
        case let .string(text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return nil
        case let value: return value
        }
    }

    func string(_ name: String) throws -> String? {
        guard let value = present(name) else { return nil }
        switch value {
        case let .string(text): return String(text.trimmingCharacters(in: .whitespaces).prefix(200))
        case let .int(number): return String(number)
        default: throw Invalid(message: "\(name) must be a string")
        }
    }

    func number(_ name: String) throws -> Double? {
        guard let value = present(name) else { return nil }
        guard let number = value.doubleValue, number.isFinite else { throw Invalid(message: "\(name) must be a number") }
        return number
    }

    func integer(_ name: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let number = try number(name) else { return nil }
        guard number == number.rounded(), range.contains(Int64(exactly: number) ?? range.upperBound + 1) else {
            throw Invalid(message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int64(number)
    }

    /// An ISO date `YYYY-MM-DD` that exists.
    func date(_ name: String) throws -> String? {
        guard let text = try string(name) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text), formatter.string(from: date) == text else {
            throw Invalid(message: "\(name) must be a date YYYY-MM-DD, not \(text.debugDescription)")
        }
        return text
    }

    func choice(_ name: String, among choices: [String]) throws -> String? {
        guard let text = try string(name)?.lowercased() else { return nil }
        guard choices.contains(text) else {
            throw Invalid(message: "\(name) must be one of \(choices.joined(separator: ", ")), not \(text.debugDescription)")
        }
        return text
    }

    /// The filters every listing and aggregating tool shares.
    func invoiceQuery() throws -> InvoiceQuery {
        let query = InvoiceQuery(
            text: try string("text"), type: try choice("invoice_type", among: InvoiceTools.invoiceTypes),
            seller: try string("seller"), buyer: try string("buyer"), from: try date("date_from"), to: try date("date_to"),
            minTotal: try number("min_total"), maxTotal: try number("max_total"), currency: try string("currency"))
        if let from = query.from, let to = query.to, from > to {
            throw Invalid(message: "date_from \(from) is after date_to \(to)")
        }
        return query
    }
}
