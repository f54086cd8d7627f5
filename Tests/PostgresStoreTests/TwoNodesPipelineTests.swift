import APIWire
import Foundation
import JobStore
import Logging
import Pipeline
import PostgresStore
import ServiceLifecycle
import TestSupport
import Testing

/// The real pipeline (OCR and all) on two nodes sharing one PostgreSQL queue and one data
/// folder: every scan is read exactly once, by whichever node's worker claimed it.
@Suite struct TwoNodesPipelineTests {
    @Test func twoNodes_readEveryScanExactlyOnce() async throws {
        let (_, location) = try SharedCluster.newDatabase()
        let dir = try TemporaryDirectory()
        let layout = DataLayout(root: dir.appending("data"))
        try layout.createDirectories()
        let nodes = try (0..<2).map { _ in try QueueUnderTest.node(location) }
        let names = ["sales-03", "water-04", "telecom-04", "retail-03"]
        var ids: [String] = []
        for (index, name) in names.enumerated() {
            let id = UUID().uuidString.lowercased()
            let spool = layout.spoolPath(id: id, filename: "\(name).png")
            try FileManager.default.copyItem(atPath: Fixtures.invoice(name), toPath: spool)
            let queue = nodes[index % 2]
            try queue.beginIntake(Job(id: id, filepath: spool, filename: "\(name).png", uploader: nil, userId: nil, sourcePath: nil, now: Date()))
            _ = try queue.finishIntake(id: id, sha256: id, sizeBytes: 1, skipDuplicates: false, duplicatePath: "", now: Date())
            ids.append(id)
        }
        let pools = nodes.enumerated().map { index, queue in
            var settings = PipelineSettings(workers: 1, languages: "vie+eng", tessdata: nil, maxMegapixels: 60, maxPages: 20,
                                            pageTimeout: 60, lease: 120, shutdownGrace: 30,
                                            retry: RetryPolicy(maxAttempts: 3, baseDelay: 0, maxDelay: 0))
            settings.nodeName = "node-\(index)"
            return WorkerPool(store: queue, layout: layout, settings: settings, logger: Logger(label: "node-\(index)"))
        }
        let group = ServiceGroup(configuration: .init(services: pools.map { .init(service: $0) }, logger: Logger(label: "test")))
        let queue = nodes[0]
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            pools.forEach { $0.wake() }
            let done = try await waitUntil(timeout: 180) {
                try await onOwnThread { try queue.allJobs().filter { $0.status == .done }.count } == names.count
            }
            #expect(done)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        for id in ids {
            let job = try #require(try queue.job(id: id))
            #expect(job.status == .done && job.invoiceId != nil && FileManager.default.fileExists(atPath: job.filepath))
            // Claimed once, done once: no second reading by the other node.
            #expect(try queue.statusHistory(jobId: id) == [.processing, .done], "\(id)")
        }
        let invoiceIds = Set(try ids.compactMap { try queue.job(id: $0)?.invoiceId })
        #expect(invoiceIds.count == names.count)
    }
}
