import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import JobStore
import Logging

/// An error answered as JSON `{"error": "..."}` with its status code.
public struct APIError: HTTPResponseError, Sendable {
    /// The status to answer with.
    public var status: HTTPResponse.Status
    /// What the client should read.
    public var message: String
    /// Extra response headers (`Retry-After` of a 429).
    public var headers: HTTPFields

    /// An error with `status` and `message`.
    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.jsonResponse(status: status, message: message, headers: headers)
    }

    /// The JSON error body.
    static func jsonResponse(status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) -> Response {
        let body = (try? WireJSON.encode(ErrorBody(error: message))) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Answers every error as JSON: `APIError` as it is, Hummingbird's own (404 for an unknown
/// route, 405, 413) with their status, anything else as a 500 that hides internals.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return APIError.jsonResponse(status: error.status, message: error.message, headers: error.headers)
        } catch let error as HTTPError {
            let message = error.body ?? error.status.reasonPhrase.lowercased()
            return APIError.jsonResponse(status: error.status, message: message)
        } catch let error as any HTTPResponseError {
            return APIError.jsonResponse(status: error.status, message: error.status.reasonPhrase.lowercased())
        } catch let error as StoreUnreachable {
            // The shared store's server restarting or out of reach: the same request works
            // again once it is back, which the client is told, not "internal error".
            context.logger.warning("request waits for the store", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError.jsonResponse(status: .serviceUnavailable,
                                         message: "the store's server cannot be reached just now (see the daemon's log); try again in a few seconds",
                                         headers: [.retryAfter: "5"])
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError.jsonResponse(status: .internalServerError, message: "internal error; see the daemon's log")
        }
    }
}
