import Foundation
import GRDB
import Testing

@testable import InvoiceBench

@Suite struct ReportTests {
    @Test func write_replacesOnlyWhatStandsBetweenTheMarkers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-doc-\(UUID()).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        # Benchmarks
        <!-- figures: written by `make bench`; do not edit by hand -->
        old figures
        <!-- end figures -->
        ## After
        """.write(toFile: path, atomically: true, encoding: .utf8)
        try Report.write("new figures\n", intoDocument: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("new figures\n<!-- end figures -->"))
        #expect(!text.contains("old figures"))
        #expect(text.hasPrefix("# Benchmarks\n") && text.hasSuffix("## After"))
    }

    @Test func write_refusesADocumentWithoutMarkers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-doc-\(UUID()).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# no markers\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: BenchError.self) { try Report.write("x", intoDocument: path) }
    }

    @Test func verdicts_sayByHowMuchATargetWasMissed() {
        #expect(Report.verdict(1.5, atMost: 2, unit: "ms") == "met")
        #expect(Report.verdict(2.5, atMost: 2, unit: "ms") == "**missed** by 0.50 ms")
        #expect(Report.verdict(1.3, atLeast: 1.25) == "met")
        #expect(Report.verdict(0.9, atLeast: 1.0) == "**missed** (90 % of it)")
    }

    @Test func accuracy_comparesNumbersToHalfACent_andTextAfterNormalisation() {
        #expect(Accuracy.same(.number(8), 8.0.databaseValue))
        #expect(Accuracy.same(.number(8), 8.databaseValue))
        #expect(!Accuracy.same(.number(8), 10.0.databaseValue))
        // The same letter, precomposed and decomposed.
        #expect(Accuracy.same(.text("Hồ"), "Ho\u{0302}\u{0300}".databaseValue))
        #expect(Accuracy.same(.null, .null))
        #expect(Accuracy.same(Accuracy.Expected(json: NSNull()), .null))
        #expect(!Accuracy.same(.text("VND"), .null))
    }

    @Test func pipelines_areTheScriptsTheDocumentPrints() {
        #expect(TesseractPipeline.perFileParallel.script(cores: 2, languages: "vie+eng")
            .contains("OMP_THREAD_LIMIT=1 xargs -P 2 -I{} tesseract {} {} -l vie+eng"))
        #expect(!TesseractPipeline.sequentialDefaultThreads.script(cores: 2, languages: "vie+eng").contains("OMP_THREAD_LIMIT"))
        #expect(TesseractPipeline.longLivedLists.script(cores: 2, languages: "vie+eng").contains("split -n r/2"))
    }
}
