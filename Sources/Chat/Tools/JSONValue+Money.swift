import APIWire

/// Values of the tools' results.
extension JSONValue {
    /// An optional string, `.null` for nil.
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An amount of money from hundredths: a whole number when it is one, else two decimals.
    static func money(cents: Int64) -> JSONValue {
        cents % 100 == 0 ? .int(cents / 100) : .double(Double(cents) / 100)
    }

    /// An amount of money as stored (a double), rounded to hundredths; `.null` for nil.
    static func money(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite, abs(value) < 9e13 else { return value.map(JSONValue.double) ?? .null }
        return money(cents: Int64((value * 100).rounded()))
    }
}
