import Foundation
import Hummingbird

/// A JSON response from a dictionary or array (Foundation types).
func jsonResponse(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// ISO 8601 with milliseconds, UTC.
func isoString(_ date: Date?) -> Any {
    guard let date else { return NSNull() }
    return date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
}

/// `value` or JSON null.
func orNull(_ value: Any?) -> Any {
    value ?? NSNull()
}
