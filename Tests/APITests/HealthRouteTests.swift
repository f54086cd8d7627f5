import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import TestSupport
import Testing

/// `/healthz` when the database is gone: it says what is wrong in words an operator can act
/// on, never SQLite's message or a statement.
@Suite struct HealthRouteTests {
    @Test func healthz_withAnUnreadableDatabase_namesTheFile_notTheSQLiteError() async throws {
        let f = try APIFixture()
        // Another file takes the database's name, and its journal is gone (as after a careless
        // restore): the next connection the pool opens reads garbage.
        let garbage = f.dir.appending("garbage")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        #expect(rename(garbage, f.layout.database) == 0)
        for suffix in ["-wal", "-shm"] { unlink(f.layout.database + suffix) }
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .serviceUnavailable)
            let reply = try json(response)
            #expect(reply["status"] as? String == "unhealthy")
            let problems = reply["problems"] as? [String] ?? []
            #expect(problems == ["the database cannot be read: \(f.layout.database)"], "\(problems)")
            let body = String(buffer: response.body)
            for leak in ["SQLite error", "PRAGMA", "file is not a database"] { #expect(!body.contains(leak), "\(body)") }
        }
    }
}
