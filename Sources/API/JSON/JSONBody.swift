import Foundation
import Hummingbird

/// A JSON response from a dictionary or array (Foundation types), keys sorted.
func jsonResponse(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
    let bytes = try JSONText.encode(object)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
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
