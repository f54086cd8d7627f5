import Foundation

/// Figure 5: peak resident memory with one worker per core on 300 dpi A4 scans, and
/// resident memory after many small documents against after a few (a leak shows as growth).
struct MemoryBench {
    let settings: BenchSettings
    let smallImages: [[UInt8]]

    struct Result {
        var idleKiB = 0
        var peakKiB = 0
        var pages300dpi = 0
        var afterWarmUpKiB = 0
        var afterAllKiB = 0
    }

    func run(scans300dpi: [String], log: Log) async throws -> Result {
        var result = Result()
        do {
            let daemon = try await DaemonUnderTest.fresh("memory-300dpi", settings: settings, settleMs: 0)
            result.idleKiB = daemon.residentKiB() ?? 0
            let inbox = daemon.inbox
            let databasePath = daemon.databasePath
            try await Blocking.run {
                for (index, scan) in scans300dpi.enumerated() {
                    try Dropper.renameIn(Array(try Data(contentsOf: URL(fileURLWithPath: scan))), to: "\(inbox)/scan-\(index).png")
                }
                try ThroughputBench.waitForDone(scans300dpi.count, databasePath: databasePath, timeout: 900)
            }
            result.peakKiB = daemon.peakResidentKiB() ?? 0
            result.pages300dpi = scans300dpi.count
            try await daemon.stopAndRemove()
            log.say("memory: idle \(result.idleKiB / 1024) MiB, peak \(result.peakKiB / 1024) MiB over \(scans300dpi.count) pages at 300 dpi")
        }
        do {
            let daemon = try await DaemonUnderTest.fresh("memory-many", settings: settings, settleMs: 0)
            let inbox = daemon.inbox
            let databasePath = daemon.databasePath
            let images = smallImages
            let warmUp = settings.memoryWarmUp
            let all = settings.memoryDocuments
            try await Blocking.run {
                for index in 0..<warmUp {
                    try Dropper.renameIn(Corpus.unique(images[index % images.count], tag: "mem-\(index)-\(UUID())"), to: "\(inbox)/mem-\(index).png")
                }
                try ThroughputBench.waitForDone(warmUp, databasePath: databasePath, timeout: 900)
            }
            result.afterWarmUpKiB = daemon.residentKiB() ?? 0
            try await Blocking.run {
                for index in warmUp..<all {
                    try Dropper.renameIn(Corpus.unique(images[index % images.count], tag: "mem-\(index)-\(UUID())"), to: "\(inbox)/mem-\(index).png")
                }
                try ThroughputBench.waitForDone(all, databasePath: databasePath, timeout: 1800)
            }
            result.afterAllKiB = daemon.residentKiB() ?? 0
            try await daemon.stopAndRemove()
            log.say("memory: \(result.afterWarmUpKiB / 1024) MiB after \(warmUp) documents, \(result.afterAllKiB / 1024) MiB after \(all)")
        }
        return result
    }
}
