import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import JobStoreTestSupport
import Testing

/// Issue 16: the invoice page shows its job's history: when the file arrived, each claim,
/// a retry with why, the end.
@Suite struct JobHistoryRouteTests {
    @Test func theHistory_ofAJobRetriedOnce_andDone() async throws {
        let f = try APIFixture()
        _ = try f.invoice("b.png") { _ in }  // another job, done first, whose history is not this one's
        let id = try f.queuedJob("a.png")
        _ = try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)
        _ = try f.store.scheduleRetry(jobId: id, holder: testHolder, message: "the database was locked", at: Date(), now: Date())
        while try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != id {}
        _ = try f.store.completeForTest(jobId: id, invoice: Invoice(jobId: id, filename: "a.png", rawText: "", createdAt: Date()), pages: 1,
                                 resultPath: "/r", archivePath: "/a", now: Date())
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/ocr/job/\(id.uppercased())/history", method: .get)
            #expect(response.status == .ok)
            let history = try WireJSON.decoder().decode(JobHistory.self, from: Data(response.body.readableBytesView))
            #expect(history.jobId == id)
            #expect(history.entries.map(\.status) == [.processing, .queued, .processing, .done])
            #expect(history.entries[1].message == "the database was locked")
            #expect(try await client.execute(uri: "/api/ocr/job/nope/history", method: .get).status == .notFound)
        }
    }
}
