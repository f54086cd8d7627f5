import Foundation
import GRDB
import TestSupport
import Testing

/// Guarantee 6: every kind of broken, hostile or odd input gets a clear error or a correct
/// result, the daemon never crashes or hangs, and the good files around them are read.
@Suite struct BadInputTests {
    /// Expected ends of the committed bad inputs: `failed` with a message containing the text,
    /// or `done`.
    static let expectations: [String: String?] = [
        "empty.png": "not an image",
        "truncated.jpg": "unreadable image",
        "truncated.png": "unreadable image",
        "truncated.tif": "damaged or truncated TIFF",
        "text-named.jpg": "not an image",
        "page-named.png": "not an image",
        "archive-named.jpg": "not an image",
        "document-named.jpg": "a damaged PDF",
        "bomb-30000x30000.png": "image too large: 30000×30000",
        "lying-header.png": "image too large: 100000×100000",
        "corrupted-middle.png": "unreadable image",
        "one-pixel.png": nil,
        "cmyk.jpg": nil,
        "sixteen-bit.png": nil,
        "multi-frame.gif": nil,
        "bitmap.bmp": nil,
        "rle-compressed.bmp": "run-length compressed BMPs are not supported",
        "portable.pnm": nil,
        "webp-image.webp": nil,
        "huge-legal.png": nil,
        "name with spaces.png": nil,
        "hóa đơn tiếng Việt.png": nil,
        "hóa đơn 🧾.png": nil,
        "-rf --leading-dash.png": nil,
    ]

    @Test func badInputs_endWithAClearReason_andGoodFilesAroundThemAreRead() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "2"], environment: ["INVOICED_OCR_PAGE_TIMEOUT": "120"])
        try await daemon.waitUntilReady()
        let inbox = daemon.inbox
        let fm = FileManager.default
        try dropSmallInvoices(3, into: inbox, prefix: "good-before")
        let folder = "\(Fixtures.repositoryRoot)/Tests/Fixtures/bad-inputs"
        for name in Self.expectations.keys { try fm.copyItem(atPath: "\(folder)/\(name)", toPath: "\(inbox)/\(name)") }
        // Made here because git carries them badly: odd names, links, FIFOs, folders.
        let small = "\(Fixtures.repositoryRoot)/Tests/Fixtures/small"
        try fm.copyItem(atPath: "\(small)/small-06.png", toPath: "\(inbox)/new\nline.png")
        let longName = String(repeating: "hóa-đơn-", count: 20) + ".png"   // 244 bytes, near NAME_MAX
        try fm.copyItem(atPath: "\(small)/small-07.png", toPath: "\(inbox)/\(longName)")
        try fm.createSymbolicLink(atPath: "\(inbox)/passwd.jpg", withDestinationPath: "/etc/passwd")
        mkfifo("\(inbox)/fifo.jpg", 0o644)
        try fm.createDirectory(atPath: "\(inbox)/folder.jpg", withIntermediateDirectories: true)
        // A file that vanishes before it is taken.
        try Data("gone".utf8).write(to: URL(fileURLWithPath: "\(inbox)/vanishing.jpg"))
        try fm.removeItem(atPath: "\(inbox)/vanishing.jpg")
        try dropSmallInvoices(3, into: inbox, prefix: "good-after")

        let expectedJobs = Self.expectations.count + 2 + 6
        let ended = try await waitUntil(timeout: 300) {
            let counts = try daemon.statusCounts()
            return (counts["done"] ?? 0) + (counts["failed"] ?? 0) == expectedJobs && counts["queued"] == nil && counts["processing"] == nil
        }
        let counts = (try? daemon.statusCounts()) ?? [:]
        #expect(ended, "counts \(counts); log tail:\n\(daemon.log.suffix(4000))")
        #expect(daemon.process.isRunning, "the daemon must survive all of it")

        let rows = try await daemon.database().read { db in
            try Row.fetchAll(db, sql: "SELECT filename, status, error_message FROM ocr_jobs")
        }
        var byName: [String: (String, String?)] = [:]
        for row in rows { byName[row["filename"]] = (row["status"], row["error_message"]) }
        for (name, expectation) in Self.expectations {
            let (status, message) = try #require(byName[name], "no job for \(name)")
            if let expectation {
                #expect(status == "failed", "\(name)")
                #expect(message?.contains(expectation) == true, "\(name): \(message ?? "no message")")
            } else {
                #expect(status == "done", "\(name): \(message ?? "")")
            }
        }
        #expect(byName["new\nline.png"]?.0 == "done")
        #expect(byName[longName]?.0 == "done")
        #expect(rows.filter { ($0["filename"] as String).hasPrefix("good-") && $0["status"] as String == "done" }.count == 6)
        // Never followed, never taken, never failed: links, FIFOs and folders stay where they are.
        #expect(byName["passwd.jpg"] == nil && byName["fifo.jpg"] == nil && byName["folder.jpg"] == nil)
        #expect(fm.fileExists(atPath: "\(inbox)/folder.jpg"))
        #expect((try? fm.destinationOfSymbolicLink(atPath: "\(inbox)/passwd.jpg")) == "/etc/passwd")
        // The bomb was refused from its header: the daemon never held its 900 MB of pixels.
        let peakKB = try peakResidentKB(pid: daemon.process.processIdentifier)
        #expect(peakKB < 700_000, "peak RSS \(peakKB) kB")
        await daemon.stop()
    }
}

/// The process's peak resident set (VmHWM), in kB.
func peakResidentKB(pid: Int32) throws -> Int {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}
