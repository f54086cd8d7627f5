import Foundation
import OCR
import TestSupport
import Testing

/// Real Tesseract on rendered invoices. Each test owns its engine, as each worker does.
@Suite struct TesseractEngineTests {
    func page(_ name: String) throws -> PageImage {
        let path = Fixtures.invoice(name)
        return try PageLoader.load(path: path, page: 0, header: try PageLoader.header(of: path), maxMegapixels: 60)
    }

    @Test(arguments: ["vat-bilingual-01", "electricity-01", "english-01", "telecom-01"])
    func recognize_readsThePrintedWords(name: String) async throws {
        let text = try await onWorkerThread { try TesseractEngine(languages: "vie+eng").recognize(try page(name), deadline: 60) }
        let expected = try Fixtures.expected(name)
        #expect(missingWords(expected.words, in: text.text) == [])
        #expect(text.meanConfidence > 50)
    }

    @Test func engine_isReusedAcrossPages_andReportsRisingProgress() async throws {
        let (seen, second) = try await onWorkerThread {
            let engine = try TesseractEngine(languages: "vie+eng")
            var seen: [Int] = []
            _ = try engine.recognize(try page("retail-01"), deadline: 60, progress: { seen.append($0) })
            return (seen, try engine.recognize(try page("water-01"), deadline: 60))
        }
        #expect(!seen.isEmpty)
        #expect(seen == seen.sorted())
        #expect(seen.last == 100)
        #expect(missingWords(try Fixtures.expected("water-01").words, in: second.text) == [])
    }

    @Test func deadline_stopsRecognition() async throws {
        await #expect(throws: OCRError.deadlineExceeded(seconds: 0.001)) {
            try await onWorkerThread { try TesseractEngine(languages: "vie+eng").recognize(try page("vat-twocol-01"), deadline: 0.001) }
        }
        #expect(OCRError.deadlineExceeded(seconds: 1).isTransient)
    }

    @Test func cancel_stopsRecognition() async throws {
        await #expect(throws: OCRError.cancelled) {
            try await onWorkerThread {
                try TesseractEngine(languages: "vie+eng").recognize(try page("vat-twocol-01"), deadline: 60, shouldCancel: { true })
            }
        }
    }

    @Test func missingLanguageData_saysWhichPackageToInstall() {
        do {
            _ = try TesseractEngine(languages: "vie+xyz")
            Issue.record("an engine started without language data")
        } catch {
            #expect(error.description.contains("xyz"))
            #expect(error.description.contains("apt-get install tesseract-ocr-xyz"))
            #expect(!error.description.contains("tesseract-ocr-vie"))
        }
    }
}

/// The extraction corpus is the `tesseract` command's output (scripts/ocr-corpus.sh): the
/// engine must read pages the same way, or the corpus would not say how the daemon does.
@Suite struct EngineMatchesCorpusTests {
    @Test(arguments: ["vat-twocol-01", "retail-02", "telecom-01", "water-03"])
    func engineText_equalsTheCorpusText(name: String) async throws {
        let corpus = "\(Fixtures.repositoryRoot)/Tests/InvoiceExtractionTests/Corpus/ocr/\(name).txt"
        let expected = try String(contentsOfFile: corpus, encoding: .utf8)
        let path = Fixtures.invoice(name)
        let text = try await onWorkerThread {
            let page = try PageLoader.load(path: path, page: 0, header: try PageLoader.header(of: path), maxMegapixels: 60)
            return try TesseractEngine(languages: "vie+eng").recognize(page, deadline: 60).text
        }
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == expected.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
