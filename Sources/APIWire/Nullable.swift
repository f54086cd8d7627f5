import Foundation

/// A value the API always writes, as `null` when absent: the seed's clients read every
/// column of a row, so a missing key and a null one are not the same to them. (A plain
/// optional property is left out when nil, as Codable does.)
@propertyWrapper
public struct Nullable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as nil, as a null one does: an older daemon may not send it.
    public func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}

// The synthesized `encode(to:)` of the wire types calls these for their `@Nullable`
// properties: a JSONEncoder writes a String, a number or nil through its own methods,
// while a wrapper it does not know goes through its generic path (a dynamic cast and a
// metadata lookup per value), which made an invoice list page's JSON a third slower.
extension KeyedEncodingContainer {
    public mutating func encode(_ value: Nullable<String>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Nullable<Double>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Nullable<Int64>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Nullable<Int>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Nullable<Date>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
