import APIWire
import Foundation
import Hummingbird
import JobStore
import LinuxSupport
import NIOPosix
import OCR

/// `GET /api/invoices/{id}/pages/{page}`: a page of the invoice's archived original as a PNG
/// (a PDF page rendered, an image page decoded, at most 1400 px wide), for the invoice page
/// to show beside the fields.
struct PageImageController<Context: RequestContext> {
    let context: APIContext

    func addRoutes(to router: Router<Context>) {
        router.get("/api/invoices/{id}/pages/{page}") { _, request in
            try await page(invoice: try request.parameters.require("id"), page: try request.parameters.require("page"))
        }
    }

    func page(invoice id: String, page text: String) async throws -> Response {
        guard let number = Int64(id), number > 0 else { throw APIError(.badRequest, "invoice id must be a positive whole number, not '\(id)'") }
        guard let page = Int(text), page > 0 else { throw APIError(.badRequest, "page must be a whole number from 1, not '\(text.prefix(20))'") }
        guard let invoice = try await context.store.invoiceAsync(id: number) else { throw APIError(.notFound, "no invoice with id \(id)") }
        guard let job = try await context.store.jobAsync(id: invoice.jobId), job.status == .done else {
            throw APIError(.notFound, "the job that read invoice \(id) is gone, and its original with it")
        }
        guard page <= (job.pages ?? 1) else { throw APIError(.notFound, "invoice \(id) has \(job.pages ?? 1) page(s), not \(page)") }
        let path = try original(of: job)
        let png: [UInt8]
        do {
            // Rendering a PDF page takes up to a second: on NIO's blocking-work threads, not
            // the event loop or the cooperative pool.
            png = try await NIOThreadPool.singleton.runIfActive { try PagePreview.png(of: path, page: page) }
        } catch let error as OCRError {
            throw APIError(.unprocessableContent, "page \(page) of invoice \(id) cannot be shown: \(error.description)")
        }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// The archived original of `job`: a regular file below the archive folder (never a
    /// path the row points elsewhere, nor a symlink put in its place).
    func original(of job: Job) throws -> String {
        let archive = context.layout.archive.hasSuffix("/") ? context.layout.archive : context.layout.archive + "/"
        let path = job.filepath
        guard path.hasPrefix(archive), !path.split(separator: "/").contains(".."),
              let status = try? FileSystem.status(path), status.kind == .regular else {
            throw APIError(.notFound, "the original of job \(job.id) is not in the archive")
        }
        return path
    }
}
