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

/// The bytes of a JSON request body, at most `limit`. Only `Content-Type: application/json`:
/// a browser sends text/plain across sites without asking first (a "simple" request), and
/// application/json makes it ask (CORS preflight), which this API never grants. `what` names
/// the body in the 415 ("the question", "the correction").
func jsonRequestBody(_ request: Request, limit: Int, what: String) async throws -> Data {
    guard let type = request.headers[.contentType],
          type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/json" else {
        throw APIError(.unsupportedMediaType, "send \(what) as JSON with Content-Type: application/json")
    }
    do {
        return Data(try await request.body.collect(upTo: limit).readableBytesView)
    } catch {
        throw APIError(.contentTooLarge, "the request is over \(limit) bytes")
    }
}
