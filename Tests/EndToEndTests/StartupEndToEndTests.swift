import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// How the real binary refuses to start, and what it says.
@Suite struct StartupEndToEndTests {
    @Test func missingLanguageData_exitsNonZero_namingThePackage() async throws {
        let daemon = try DaemonProcess(arguments: ["--languages", "vie+xyz"])
        _ = await waitUntil(timeout: 30) { !daemon.process.isRunning }
        #expect(daemon.process.terminationStatus == 1)
        #expect(daemon.log.contains("apt-get install tesseract-ocr-xyz"))
        // Nothing was started: no socket, no database.
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
    }

    @Test func secondDaemonOnTheSameSocket_refusesToStart() async throws {
        let first = try DaemonProcess(arguments: ["--workers", "1"])
        try await first.waitUntilReady()
        let second = try DaemonProcess(dir: first.dir, arguments: ["--workers", "1"])
        _ = await waitUntil(timeout: 30) { !second.process.isRunning }
        #expect(second.process.terminationStatus == 1)
        #expect(second.log.contains("is invoiced already running?"))
        // The first one still answers.
        #expect(try await first.get("/healthz").status == .ok)
        await first.stop()
    }

    @Test func staleSocketFromACrash_isReplaced() async throws {
        let first = try DaemonProcess(arguments: ["--workers", "1"])
        try await first.waitUntilReady()
        await first.stop(signal: SIGKILL)
        #expect(FileManager.default.fileExists(atPath: first.socket))
        let second = try DaemonProcess(dir: first.dir, arguments: ["--workers", "1"])
        try await second.waitUntilReady()
        await second.stop()
    }

    @Test func badConfigValue_exitsWithUsageError_namingTheKey() async throws {
        let daemon = try DaemonProcess(environment: ["INVOICED_INBOX_SETTLE_MS": "soon"])
        _ = await waitUntil(timeout: 30) { !daemon.process.isRunning }
        #expect(daemon.process.terminationStatus == 2)
        #expect(daemon.log.contains("inbox.settle_ms"))
    }

    @Test func unknownHTTPPath_answersJSONError() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"])
        try await daemon.waitUntilReady()
        let (status, body) = try await daemon.get("/api/nothing-here")
        #expect(status == .notFound)
        #expect(body.contains("\"error\""))
        let (jobStatus, jobBody) = try await daemon.get("/api/ocr/job/00000000-0000-0000-0000-000000000000")
        #expect(jobStatus == .notFound)
        #expect(jobBody == "{\"error\":\"no job with id 00000000-0000-0000-0000-000000000000\"}")
        await daemon.stop()
    }
}
