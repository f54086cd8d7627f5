import APIWire
import Foundation
import GRDB
import LinuxSupport
import TestSupport
import Testing

@testable import JobStore
import JobStoreTestSupport

/// The status routes read from a connection of their own, on the event loop: what they
/// answer must be current, and they must answer while the pool's readers are all taken.
@Suite struct StatusReaderTests {
    @Test func answers_whatWasJustCommitted() throws {
        let f = try StoreFixture()
        #expect(try f.store.statusReader.stats().counts[.queued] == 0)
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        #expect(try f.store.statusReader.job(id: job.id)?.status == .queued)
        #expect(try f.store.statusReader.stats().counts[.queued] == 1)
        let claimed = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        try f.store.reportProgress(id: claimed.id, holder: testHolder, progress: 40, leaseUntil: Date().addingTimeInterval(60), now: Date())
        let seen = try #require(try f.store.statusReader.job(id: job.id))
        #expect(seen.status == .processing)
        #expect(seen.progress == 40)
        #expect(try f.store.statusReader.job(id: "no-such-job") == nil)
    }

    @Test func answers_whileEveryReaderOfThePoolIsHeld() async throws {
        let f = try StoreFixture()
        let (job, _) = try f.queuedJob("a.jpg", sha: "a")
        // Long reads (exports, searches) holding every reader connection of the pool.
        let release = DispatchSemaphore(value: 0)
        let holders = f.store.pool.configuration.maximumReaderCount
        let held = DispatchSemaphore(value: 0)
        for _ in 0..<holders {
            Thread {
                try? f.store.pool.read { _ in
                    held.signal()
                    release.wait()
                }
            }.start()
        }
        for _ in 0..<holders { held.wait() }
        defer { for _ in 0..<holders { release.signal() } }
        // A read of the pool now waits; the status reader does not.
        let answered = BlockingQueue<Bool>()
        Thread {
            let ok = (try? f.store.statusReader.job(id: job.id)) != nil && (try? f.store.statusReader.stats()) != nil
            answered.push(ok)
        }.start()
        let result = await waitUntil(timeout: 30) { answered.count > 0 }
        #expect(result, "the status reader waited for the pool's readers")
        #expect(answered.pop() == true)
    }
}
