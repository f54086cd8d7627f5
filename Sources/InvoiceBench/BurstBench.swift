import Foundation
import GRDB
import Glibc

/// Figure 7: many small files dropped at once (written and renamed in as fast as one
/// thread can), with the default settle time: seconds until every one is a queued job.
struct BurstBench {
    let settings: BenchSettings
    let smallImages: [[UInt8]]

    struct Result {
        var files = 0
        /// Seconds spent writing the files.
        var dropSeconds = 0.0
        /// Seconds from the first file until the last job was queued.
        var queuedSeconds = 0.0
        var settleMs = 1000
    }

    func run(log: Log) async throws -> Result {
        let daemon = try await DaemonUnderTest.fresh("burst", settings: settings, settleMs: 1000)
        let files = settings.burstFiles
        let images = smallImages
        let inbox = daemon.inbox
        let databasePath = daemon.databasePath
        // Written before the clock starts, so the figure is the daemon's and not the bench's
        // image preparation.
        let payloads = (0..<files).map { Corpus.unique(images[$0 % images.count], tag: "burst-\($0)-\(UUID())") }
        let (dropSeconds, queuedSeconds) = try await Blocking.run {
            let started = Monotonic.seconds()
            for (index, payload) in payloads.enumerated() { try Dropper.renameIn(payload, to: "\(inbox)/burst-\(index).png") }
            let dropped = Monotonic.seconds() - started
            var configuration = Configuration()
            configuration.readonly = true
            let db = try DatabaseQueue(path: databasePath, configuration: configuration)
            defer { try? db.close() }
            while true {
                let queued = try db.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ocr_jobs WHERE intake_pending = 0") ?? 0
                }
                if queued >= files { return (dropped, Monotonic.seconds() - started) }
                guard Monotonic.seconds() - started < 1800 else { throw BenchError("only \(queued) of \(files) queued in 30 min") }
                usleep(10_000)
            }
        }
        try await daemon.stopAndRemove()
        log.say("burst: \(files) files written in \(format(dropSeconds, 1)) s, all queued after \(format(queuedSeconds, 1)) s")
        return Result(files: files, dropSeconds: dropSeconds, queuedSeconds: queuedSeconds)
    }
}
