import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

@Suite struct StatusAndJobsRouteTests {
    @Test func stats_countEachStatusAtTheTopLevel() async throws {
        let f = try APIFixture()
        _ = try f.queuedJob("a.jpg")
        _ = try f.failedJob("b.jpg")
        try await f.app.test(.router) { client in
            let stats = try json(try await client.execute(uri: "/api/stats", method: .get))
            #expect(stats["queued"] as? Int == 1)
            #expect(stats["failed"] as? Int == 1)
            #expect(stats["done"] as? Int == 0)
            #expect(stats["workers_busy"] as? Int == 1)
            #expect(stats["workers_idle"] as? Int == 1)
            #expect(stats["oldest_queued_age_seconds"] is Double)
            // The failed job finished just now: one in the last 5 minutes, and in the last hour.
            #expect(stats["jobs_per_minute_5m"] as? Double == 0.2)
            #expect(abs((stats["jobs_per_minute_60m"] as? Double ?? 0) - 1.0 / 60) < 1e-9)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func job_hasTheSeedColumns_andUnknownIsJSON404() async throws {
        let f = try APIFixture()
        let id = try f.queuedJob("a.jpg", uploader: "scanner-1")
        try await f.app.test(.router) { client in
            let job = try json(try await client.execute(uri: "/api/ocr/job/\(id)", method: .get))
            for key in ["id", "filepath", "filename", "status", "attempts", "invoice_id", "error_message", "uploader", "user_id",
                        "created_at", "updated_at", "started_at", "completed_at", "progress"] {
                #expect(job.keys.contains(key), "missing \(key)")
            }
            #expect(job["uploader"] as? String == "scanner-1")
            #expect(job["invoice_id"] is NSNull)
            let missing = try await client.execute(uri: "/api/ocr/job/nope", method: .get)
            #expect(missing.status == .notFound)
            #expect(try json(missing)["error"] as? String == "no job with id nope")
            let route = try await client.execute(uri: "/api/not-a-route", method: .get)
            #expect(route.status == .notFound)
            #expect(try json(route)["error"] != nil)
        }
    }

    @Test func jobsList_isNewestFirst_filtered_andPaged() async throws {
        let f = try APIFixture()
        let ids = try (0..<5).map { index in try f.queuedJob("\(index).jpg", uploader: index % 2 == 0 ? "even" : "odd") }
        try await f.app.test(.router) { client in
            let first = try json(try await client.execute(uri: "/api/ocr/jobs?limit=2", method: .get))
            let page1 = (first["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(page1 == [ids[4], ids[3]])
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try json(try await client.execute(uri: "/api/ocr/jobs?limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get))
            #expect((second["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [ids[2], ids[1]])
            let even = try json(try await client.execute(uri: "/api/ocr/jobs?uploader=even", method: .get))
            #expect((even["items"] as? [Any])?.count == 3)
            #expect(even["next_cursor"] is NSNull)
            for bad in ["/api/ocr/jobs?status=finished", "/api/ocr/jobs?limit=0", "/api/ocr/jobs?limit=abc", "/api/ocr/jobs?cursor=%%%"] {
                let response = try await client.execute(uri: bad, method: .get)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(try json(response)["error"] is String)
            }
        }
    }

    @Test func retry_requeuesAFailedJob_withItsFileBackInTheSpool() async throws {
        let f = try APIFixture()
        let failed = try f.failedJob("scan.jpg")
        let done = try f.invoice("done.jpg") { _ in }
        let doneJob = try #require(try f.store.invoice(id: done)).jobId
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/ocr/job/\(failed.id)/retry", method: .post)
            #expect(response.status == .accepted)
            #expect(try json(response)["status"] as? String == "queued")
            let job = try #require(try f.store.job(id: failed.id))
            #expect(job.status == .queued && job.attempts == 0)
            #expect(job.filepath.hasPrefix(f.layout.spool) && FileManager.default.fileExists(atPath: job.filepath))
            #expect(!FileManager.default.fileExists(atPath: failed.filepath))
            let again = try await client.execute(uri: "/api/ocr/job/\(failed.id)/retry", method: .post)
            #expect(again.status == .conflict)
            #expect(try json(again)["error"] as? String == "the job is queued; only failed jobs can be retried or deleted")
            do { let status = try await client.execute(uri: "/api/ocr/job/\(doneJob)/retry", method: .post).status; #expect(status == .conflict) }
            do { let status = try await client.execute(uri: "/api/ocr/job/nope/retry", method: .post).status; #expect(status == .notFound) }
        }
    }

    @Test func delete_removesOnlyFailedJobs_andTheirFile() async throws {
        let f = try APIFixture()
        let failed = try f.failedJob("scan.jpg")
        let queued = try f.queuedJob("q.jpg")
        try await f.app.test(.router) { client in
            do { let status = try await client.execute(uri: "/api/ocr/job/\(queued)", method: .delete).status; #expect(status == .conflict) }
            do { let status = try await client.execute(uri: "/api/ocr/job/\(failed.id)", method: .delete).status; #expect(status == .noContent) }
            #expect(try f.store.job(id: failed.id) == nil)
            #expect(!FileManager.default.fileExists(atPath: failed.filepath))
            do { let status = try await client.execute(uri: "/api/ocr/job/\(failed.id)", method: .delete).status; #expect(status == .notFound) }
        }
    }

    @Test func bearerToken_isRequiredOnEveryRouteButHealthz() async throws {
        let f = try APIFixture(token: "0123456789abcdef-secret")
        try await f.app.test(.router) { client in
            do { let status = try await client.execute(uri: "/healthz", method: .get).status; #expect(status == .ok) }
            let refused = try await client.execute(uri: "/api/stats", method: .get)
            #expect(refused.status == .unauthorized)
            #expect(try json(refused)["error"] as? String != nil)
            do { let status = try await client.execute(uri: "/api/stats", method: .get, headers: [.authorization: "Bearer wrong"]).status; #expect(status == .unauthorized) }
            do { let status = try await client.execute(uri: "/api/stats", method: .get, headers: [.authorization: "Bearer 0123456789abcdef-secret"]).status; #expect(status == .ok) }
        }
    }
}
