import APIWire
import Foundation
import Chat
import Hummingbird
import Ingest
import JobStore
import MultipartKit

/// `POST /upload-image` (the seed system's route): a multipart form with the file in field
/// `image` and an optional `user_id`. The file is recorded exactly like one dropped in the
/// inbox; its name is kept as data only.
struct UploadController<Context: ConnectionContext> {
    let context: APIContext
    var identity = CallerIdentity()

    func addRoutes(to router: Router<Context>) {
        router.post("/upload-image") { request, ctx in try await upload(request, context: ctx) }
    }

    func upload(_ request: Request, context ctx: Context) async throws -> Response {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.boundary(of: contentType) else {
            throw APIError(.unsupportedMediaType, "send multipart/form-data with the file in field 'image'")
        }
        let length = request.headers[.contentLength].flatMap(Int.init)
        if let length, length > context.uploadLimit {
            throw APIError(.contentTooLarge, "upload of \(length) bytes is over the limit of \(context.uploadLimit) bytes (upload_max_mb)")
        }
        // What this upload may hold in memory: its declared length, else the most it may be.
        let reserved = max(0, length ?? context.uploadLimit)
        guard context.uploadBudget.reserve(reserved) else {
            throw APIError(.serviceUnavailable, "too many uploads are being received at once; send this one again in a few seconds",
                           headers: [.retryAfter: "5"])
        }
        defer { context.uploadBudget.release(reserved) }
        var body = request.body
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.uploadLimit)
        } catch {
            throw APIError(.contentTooLarge, "upload is over the limit of \(context.uploadLimit) bytes (upload_max_mb)")
        }
        let form = try Self.parse(buffer, boundary: boundary)
        guard let image = form.image else {
            if form.unreadableDispositions > 0 {
                throw APIError(.badRequest, "a part's Content-Disposition cannot be read (a file name that is not UTF-8?): send the file name in UTF-8")
            }
            throw APIError(.badRequest, "field 'image' is missing from the form")
        }
        guard !image.bytes.isEmpty else { throw APIError(.badRequest, "field 'image' is empty") }
        if let userId = form.userId, !ChatRequest.isValidUserId(userId) {
            throw APIError(.badRequest, ChatRequest.userIdRule)
        }
        // The uploader's name decides whose "latest upload" chat talks about.
        let userId = try identity.userId(claimed: form.userId, peer: await ctx.peerCredentials())
        let result: IntakeProcessor.Result
        do {
            result = try await context.intake.upload(image.bytes, filename: image.filename ?? "upload", userId: userId)
        } catch where EnvironmentTrouble.isEnvironmental(error) {
            throw APIError(.serviceUnavailable, "the daemon cannot store files right now (\(error)); send the upload again later")
        }
        switch result {
        case let .queued(jobId):
            return try jsonResponse(UploadAccepted(jobId: jobId, status: .queued), status: .accepted)
        case let .duplicate(jobId, original):
            return try jsonResponse(UploadAccepted(jobId: jobId, status: .duplicate, duplicateOf: original), status: .accepted)
        case .skipped, .refused, .deferred:
            throw APIError(.serviceUnavailable, "the upload could not be recorded now (see the daemon's log); send it again")
        }
    }

    struct Form {
        var image: (bytes: [UInt8], filename: String?)?
        var userId: String?
        /// Parts whose Content-Disposition MultipartKit could not read: it gives "" for a
        /// header value that is not UTF-8 (a file name in Windows-1258 or Latin-1).
        var unreadableDispositions = 0
    }

    /// Parts a form may have: the route reads two (`image`, `user_id`); a few more are
    /// allowed for clients that send extra fields, not thousands of tiny ones.
    static var maxParts: Int { 8 }

    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> Form {
        guard MultipartHeaderNames.areASCII(in: buffer, boundary: boundary) else {
            throw APIError(.badRequest, "the multipart body is malformed: a part's header name has a byte outside ASCII")
        }
        let parser = MultipartParser(boundary: boundary)
        var form = Form()
        var headers: [String: String] = [:]
        var part: [UInt8] = []
        var parts = 0
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in if parts < maxParts { part += chunk.readableBytesView } }
        parser.onPartComplete = {
            parts += 1
            let disposition = headers["content-disposition"] ?? ""
            if headers["content-disposition"] == "" { form.unreadableDispositions += 1 }
            switch Self.parameter("name", in: disposition) {
            case "image": form.image = (part, Self.parameter("filename", in: disposition))
            case "user_id": form.userId = String(decoding: part, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            default: break
            }
            headers = [:]
            part = []
        }
        do { try parser.execute(buffer) } catch {
            throw APIError(.badRequest, "the multipart body is malformed: \(error)")
        }
        guard parts <= maxParts else {
            throw APIError(.badRequest, "the form has \(parts) parts; at most \(maxParts) are accepted (the file in 'image', optionally 'user_id')")
        }
        return form
    }

    static func boundary(of contentType: String) -> String? {
        parameter("boundary", in: contentType).flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
    }

    /// `key=value` or `key="value"` from a header's parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var value = String(pair.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
