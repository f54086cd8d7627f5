import APIWire
import Foundation
import Hummingbird

/// A JSON answer: `value` as every body of the API is written (WireJSON: keys sorted,
/// times with milliseconds, absent values as the wire type says).
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try WireJSON.encode(value))))
}
