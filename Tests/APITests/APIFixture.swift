import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingest
import JobEvents
import JobStore
import JobStoreTestSupport
import Logging
import Prometheus
import TestSupport

/// A real store in a temp folder, the real router over it, and helpers to fill it.
struct APIFixture {
    let dir: TemporaryDirectory
    let layout: DataLayout
    let store: JobStore
    let events = JobEventBus()
    let intake: IntakeService
    let context: APIContext

    init(uploadLimit: Int = 1 << 20, token: String? = nil) throws {
        dir = try TemporaryDirectory()
        layout = DataLayout(root: dir.appending("data"))
        try layout.createDirectories()
        store = try JobStore(path: layout.database)
        let processor = IntakeProcessor(store: store, layout: layout, inbox: dir.appending("inbox"), skipDuplicates: true, logger: Logger(label: "test"), events: events)
        intake = IntakeService(processor: processor) { _ in }
        context = APIContext(store: store, layout: layout,
                             health: DaemonHealth(problems: { [] }, workers: { (1, 2) }),
                             events: events, intake: intake, metrics: PrometheusCollectorRegistry(),
                             uploadLimit: uploadLimit, token: token)
    }

    var app: some ApplicationProtocol {
        Application(router: APIRouter.build(context))
    }

    /// A job through intake, with `content` as its file.
    func queuedJob(_ name: String, content: String = UUID().uuidString, uploader: String? = nil) throws -> String {
        let folder = dir.appending("inbox/\(uploader ?? "")")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
        let file = InboxFile(inbox: dir.appending("inbox"), relativePath: uploader.map { "\($0)/\(name)" } ?? name)
        guard case let .queued(id) = intake.processor.take(file) else { throw TestFailure("not queued") }
        return id
    }

    /// A finished job with an invoice carrying `fields`.
    @discardableResult
    func invoice(_ name: String, configure: (inout Invoice) -> Void) throws -> Int64 {
        let id = try queuedJob(name)
        while try store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != id {}
        var invoice = Invoice(jobId: id, filename: name, rawText: "", createdAt: Date())
        configure(&invoice)
        return try store.completeForTest(jobId: id, invoice: invoice, pages: 1, resultPath: layout.resultPath(id: id),
                                  archivePath: layout.archivePath(id: id, filename: name, date: Date()), now: Date())
    }

    /// A failed job whose file sits in `failed/`.
    func failedJob(_ name: String) throws -> Job {
        let id = try queuedJob(name)
        let job = try store.job(id: id)!
        let failedPath = layout.failedPath(id: id, filename: name)
        try store.failForTest(jobId: id, message: "not an image", failedPath: failedPath, now: Date())
        try FileManager.default.moveItem(atPath: job.filepath, toPath: failedPath)
        return try store.job(id: id)!
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The response body as a JSON object.
func json(_ response: TestResponse) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any] else {
        throw TestFailure("not a JSON object: \(String(buffer: response.body))")
    }
    return object
}

/// A multipart/form-data body with the given parts.
func multipart(boundary: String, parts: [(name: String, filename: String?, data: [UInt8])]) -> ByteBuffer {
    var body = ByteBuffer()
    for part in parts {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"")
        if let filename = part.filename { body.writeString("; filename=\"\(filename)\"") }
        body.writeString("\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(part.data)
        body.writeString("\r\n")
    }
    body.writeString("--\(boundary)--\r\n")
    return body
}
