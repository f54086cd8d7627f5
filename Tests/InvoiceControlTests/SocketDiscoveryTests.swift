import Foundation
import TestSupport
import Testing

/// README: `invoicectl` finds the socket like the daemon does: `--socket`, `INVOICED_SOCKET`,
/// the config file (its `socket`, else `data_dir` + `/invoiced.sock`). Each way reaches the
/// stub; a way that names another place does not.
@Suite struct SocketDiscoveryTests {
    static let stats = ["GET /api/stats": StubReply.json(DaemonAnswer.stats(queued: 0))]

    @Test func theEnvironmentVariable_isUsedWithoutTheFlag() async throws {
        try await StubDaemon.run(Self.stats) { stub in
            let run = try await InvoicectlRun.run(["status", "--json"], in: stub.folder.path, environment: ["INVOICED_SOCKET": stub.socket])
            #expect(run.status == 0, "\(run)")
            #expect(stub.received.count == 1)
        }
    }

    @Test func theFlag_winsOverTheEnvironmentVariable() async throws {
        try await StubDaemon.run(Self.stats) { stub in
            let elsewhere = stub.folder.appending("elsewhere.sock")
            let run = try await InvoicectlRun.run(["status", "--json", "--socket", stub.socket], in: stub.folder.path,
                                                  environment: ["INVOICED_SOCKET": elsewhere])
            #expect(run.status == 0, "\(run)")
            let wrong = try await InvoicectlRun.run(["status", "--json", "--socket", elsewhere], in: stub.folder.path,
                                                    environment: ["INVOICED_SOCKET": stub.socket])
            #expect(wrong.status == 3 && wrong.stderr.contains(elsewhere), "\(wrong)")
        }
    }

    /// A relative `--socket` is taken from the folder `invoicectl` runs in.
    @Test func aRelativeFlag_isFromTheWorkingFolder() async throws {
        try await StubDaemon.run(Self.stats) { stub in
            let run = try await InvoicectlRun.run(["status", "--json", "--socket", "./invoiced.sock"], in: stub.folder.path)
            #expect(run.status == 0, "\(run)")
        }
    }

    @Test func theConfigFilesSocket_orItsDataFolder() async throws {
        try await StubDaemon.run(Self.stats) { stub in
            // ./config/invoiced.yaml, as in a checkout, naming the data folder the socket is in.
            try FileManager.default.createDirectory(atPath: stub.folder.appending("config"), withIntermediateDirectories: true)
            try "data_dir: \(stub.folder.path)\n".write(toFile: stub.folder.appending("config/invoiced.yaml"), atomically: true, encoding: .utf8)
            let fromDataDir = try await InvoicectlRun.run(["status", "--json"], in: stub.folder.path)
            #expect(fromDataDir.status == 0, "\(fromDataDir)")

            // --config names a file whose `socket` wins over its `data_dir`.
            let other = stub.folder.appending("other.yaml")
            try "socket: \(stub.socket)\ndata_dir: /nonexistent\n".write(toFile: other, atomically: true, encoding: .utf8)
            let fromSocketKey = try await InvoicectlRun.run(["status", "--json", "--config", other], in: "/")
            #expect(fromSocketKey.status == 0, "\(fromSocketKey)")
            #expect(stub.received.count == 2)
        }
    }
}
