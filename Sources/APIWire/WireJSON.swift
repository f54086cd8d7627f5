import Foundation

/// How the API's bodies are written and read, on both ends: keys sorted (the same object
/// always gives the same bytes), `/` not escaped, times in ISO 8601 UTC with milliseconds
/// (`2026-12-04T19:45:06.123Z`).
public enum WireJSON {
    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let timeFormatWithoutFraction = Date.ISO8601FormatStyle()

    /// The encoder of every JSON answer of the daemon.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(time(date))
        }
        return encoder
    }

    /// The decoder of the daemon's answers (`invoicectl`, tests). A time without
    /// milliseconds is read too.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? timeFormat.parse(text) { return date }
            if let date = try? timeFormatWithoutFraction.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
        }
        return decoder
    }

    /// One encoder for every answer: its settings never change after this.
    private static let sharedEncoder = encoder()

    /// `value` as the API writes it.
    public static func encode(_ value: some Encodable) throws -> Data {
        try sharedEncoder.encode(value)
    }

    /// A time as the API writes it.
    public static func time(_ date: Date) -> String {
        date.formatted(timeFormat)
    }
}
