import Foundation
import Glibc
import TestSupport
import Testing

/// The exit codes scripts rely on (README's invoicectl section): 0 success, 1 the daemon
/// answered with an error, 3 the daemon cannot be reached, 4 not found; each failure with one
/// line on stderr that says what happened and nothing on stdout.
@Suite struct ExitCodeTests {
    @Test func anAnswer_isExitCode0() async throws {
        try await StubDaemon.run(["POST /api/ocr/job/7f3c/retry": .json(status: 202, DaemonAnswer.text(["id": "7f3c", "status": "queued"]))]) { stub in
            let run = try await stub.invoicectl(["retry", "7f3c"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "job 7f3c queued again\n" && run.stderr.isEmpty, "\(run)")
        }
    }

    @Test func theDaemonRefusing_isExitCode1_withItsMessage() async throws {
        let refusal = DaemonAnswer.error("only failed jobs can be retried; job 7f3c is done")
        try await StubDaemon.run(["POST /api/ocr/job/7f3c/retry": .json(status: 409, refusal)]) { stub in
            let run = try await stub.invoicectl(["retry", "7f3c"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr == "invoicectl: invoiced answered 409: only failed jobs can be retried; job 7f3c is done\n", "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    /// A 200 whose body is not the API's shape for it (another program on the socket, a
    /// daemon of another API) is named as such, not printed as an empty table.
    @Test func anAnswerOfAnotherShape_isExitCode1_sayingWhatCame() async throws {
        try await StubDaemon.run(["GET /api/ocr/jobs": .json(#"{"jobs":["a"]}"#)]) { stub in
            let run = try await stub.invoicectl(["jobs"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr == #"invoicectl: invoiced answered 200: unexpected answer: {"jobs":["a"]}"# + "\n", "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    /// Something that is not invoiced's JSON (a proxy's page, a crash's text) is still shown.
    @Test func anAnswerThatIsNotJSON_isExitCode1_withItsText() async throws {
        try await StubDaemon.run(["GET /api/stats": .body(status: 500, contentType: "text/plain", "internal error; see the daemon's log")]) { stub in
            let run = try await stub.invoicectl(["status"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr == "invoicectl: invoiced answered 500: internal error; see the daemon's log\n", "\(run)")
        }
    }

    @Test(arguments: [["job", "nope"], ["invoice", "99"], ["invoice", "rm", "99"], ["retry", "nope"]])
    func notFound_isExitCode4(_ arguments: [String]) async throws {
        // The stub answers every route it was not given with 404 and the daemon's error body.
        try await StubDaemon.run { stub in
            let run = try await stub.invoicectl(arguments)
            #expect(run.status == 4, "\(run)")
            #expect(run.stderr.hasPrefix("invoicectl: invoiced answered 404: no route for "), "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    /// A chat that fails halfway through a streamed answer (the model's server down) is the
    /// daemon answering with an error, though the stream itself began with 200.
    @Test func aStreamedChatThatFails_isExitCode1_withTheReason() async throws {
        try await StubDaemon.run(["POST /chat": .events([
            #"event: token\#ndata: {"text":"Tổng "}"#,
            #"event: error\#ndata: {"error":"the chat server did not answer","status":504}"#,
        ])]) { stub in
            let run = try await stub.invoicectl(["chat", "--stream", "tổng?"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.hasPrefix("Tổng "), "the part written before the failure stays: \(run)")
            #expect(run.stderr == "invoicectl: invoiced answered 504: the chat server did not answer\n", "\(run)")
        }
    }

    @Test func noSocketThere_isExitCode3_andSaysHowToStartTheDaemon() async throws {
        let folder = try TemporaryDirectory(prefix: "invoicectl-nosocket")
        let socket = folder.appending("invoiced.sock")
        let run = try await InvoicectlRun.run(["status", "--socket", socket], in: folder.path)
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.hasPrefix("invoicectl: cannot reach invoiced at \(socket) (no socket there). Is it running?"), "\(run)")
        #expect(run.stderr.contains("INVOICED_SOCKET"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    /// A daemon killed without cleaning up leaves its socket file with nobody listening.
    @Test func aSocketNobodyListensOn_isExitCode3() async throws {
        let folder = try TemporaryDirectory(prefix: "invoicectl-stale")
        let socket = folder.appending("invoiced.sock")
        try leaveStaleSocket(at: socket)
        let run = try await InvoicectlRun.run(["jobs", "--socket", socket], in: folder.path)
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.hasPrefix("invoicectl: cannot reach invoiced at \(socket) ("), "\(run)")
        #expect(run.stderr.contains("Is it running?"), "\(run)")
    }

    /// A file that cannot be written is the client's failure, said as such.
    @Test func anExportThatCannotBeWritten_isExitCode1() async throws {
        try await StubDaemon.run(["GET /api/invoices/export.csv": .body(contentType: "text/csv", "\u{FEFF}id\r\n1\r\n")]) { stub in
            let target = stub.folder.appending("missing-folder/out.csv")
            let run = try await stub.invoicectl(["export", "--csv", target])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.hasPrefix("invoicectl: cannot write \(target): "), "\(run)")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }

    /// Binds a stream socket at `path` and closes it without listening: the file stays.
    private func leaveStaleSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StaleSocketNotMade("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw StaleSocketNotMade("path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw StaleSocketNotMade("bind(\(path)): errno \(errno)") }
    }
}

/// The test could not set up its stale socket.
struct StaleSocketNotMade: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
