import Foundation
import NIOCore

/// Figure 4: `POST /upload-image` (multipart, field `image`) of a 500 KiB image, one every
/// 50 ms, while the workers read the earlier uploads.
struct UploadBench {
    let settings: BenchSettings
    let corpus: [Corpus.Invoice]

    struct Result {
        /// Milliseconds from send to the daemon's 202.
        var latency = Samples()
        var errors = 0
    }

    func run(log: Log) async throws -> Result {
        let daemon = try await DaemonUnderTest.fresh("upload", settings: settings, settleMs: 1000)
        let image = Array(try Data(contentsOf: URL(fileURLWithPath: corpus[0].path)))
        let client = APIClient(socket: daemon.socket)
        var result = Result()
        let clock = ContinuousClock()
        var next = clock.now
        for index in 0..<settings.uploads {
            // Each upload is distinct, or the daemon would record duplicates and skip the OCR.
            let body = ByteBuffer(bytes: Corpus.padded(image, to: settings.uploadBytes, tag: "upload-\(index)-\(UUID())"))
            try await Task.sleep(until: next, clock: clock)
            next = next + .milliseconds(50)
            let sent = clock.now
            let reply = try? await client.upload("/upload-image", field: "image", filename: "upload-\(index).png", bytes: body)
            let elapsed = (clock.now - sent).milliseconds
            if reply?.status == 202 { result.latency.append(elapsed) } else { result.errors += 1 }
        }
        try await daemon.stopAndRemove()
        log.say("upload: p50 \(format(result.latency.median ?? 0, 2)) ms, p99 \(format(result.latency.percentile(99) ?? 0, 2)) ms, errors \(result.errors)")
        return result
    }
}
