import Foundation
import JobStore
import Testing

@Suite struct DataLayoutTests {
    let layout = DataLayout(root: "/var/lib/invoiced")

    @Test func paths_followTheContract() {
        let date = Date(timeIntervalSince1970: 1_775_000_000) // 2026-03-31 UTC
        #expect(layout.database == "/var/lib/invoiced/invoiced.sqlite")
        #expect(layout.resultPath(id: "j") == "/var/lib/invoiced/results/j.json")
        #expect(layout.archivePath(id: "j", filename: "a.jpg", date: date) == "/var/lib/invoiced/archive/2026/03/j-a.jpg")
        #expect(layout.failedPath(id: "j", filename: "a.jpg") == "/var/lib/invoiced/failed/j-a.jpg")
    }

    @Test func hostileNames_becomeSafeSinglePathComponents() {
        #expect(DataLayout.safeName("../../etc/passwd") == "_.._etc_passwd")
        #expect(DataLayout.safeName("-rf") == "rf")
        #expect(DataLayout.safeName("a\nb.jpg") == "a_b.jpg")
        #expect(DataLayout.safeName("hóa đơn 😀.png") == "hóa đơn 😀.png")
        let long = String(repeating: "đ", count: 300) + ".jpeg"
        #expect(DataLayout.safeName(long).utf8.count <= 120)
        #expect(DataLayout.safeName(long).hasSuffix(".jpeg"))
    }

    @Test func spoolExtension_isShortAndAlphanumeric() {
        #expect(layout.spoolPath(id: "j", filename: "Scan.JPG") == "/var/lib/invoiced/spool/j.jpg")
        #expect(layout.spoolPath(id: "j", filename: "noext") == "/var/lib/invoiced/spool/j.bin")
        #expect(layout.spoolPath(id: "j", filename: "x.j/pg") == "/var/lib/invoiced/spool/j.bin")
        #expect(DataLayout.jobId(ofSpoolName: "0f8e5a1e-8a66-4b2c-9d53-2a1b3c4d5e6f.jpg") == "0f8e5a1e-8a66-4b2c-9d53-2a1b3c4d5e6f")
        #expect(DataLayout.jobId(ofSpoolName: "stray.jpg") == nil)
    }
}
