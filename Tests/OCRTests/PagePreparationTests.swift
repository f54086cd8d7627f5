import Foundation
@testable import OCR
import TestSupport
import Testing

/// Issue 14, item 6: phone photos are prepared before OCR (paper cut out, perspective undone,
/// background evened out); clean scans are recognised as clean from a thumbnail and read as
/// they are.
@Suite struct PagePreparationTests {
    static func load(_ path: String) throws -> PageImage {
        try PageLoader.load(path: path, page: 0, header: try PageLoader.header(of: path), maxMegapixels: 60)
    }

    static var cleanPages: [String] {
        let folders = [Fixtures.invoices, "\(Fixtures.repositoryRoot)/Tests/Fixtures/small"]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".png") }
                .sorted().map { "\(folder)/\($0)" }
        } + [OCRFixture.path("receipt-en-small")]
    }

    /// Every committed scan (clean, rotated, noisy, low-resolution, grey thermal paper) is
    /// clean; and looking costs a clean 300-dpi A4 page a few milliseconds at most (about one
    /// in a quiet debug build), beside the second its reading takes.
    @Test func cleanScans_areLeftAsTheyAre_andTheLookCostsAFewMillisecondsAtMost() async throws {
        let looks = 50
        // The closure returns what it saw and the test checks it after the await: an #expect
        // on the worker's thread is recorded for no test (it is not the test's task).
        let (prepared, a4Pixels, verdicts, perLook) = try await onWorkerThread { () throws -> ([String], Int?, [Bool?], Double) in
            let prepared = try Self.cleanPages.filter { try PagePreparation.prepareIfNeeded(Self.load($0)) != nil }
            // A 300-dpi A4 page: a 200-dpi fixture scaled 1.5× (2481 × 3509 px).
            guard let a4 = PagePreparation.scaled(try Self.load(Fixtures.invoice("vat-bilingual-02")), by: 1.5)?.image else {
                return (prepared, nil, [], 0)
            }
            var verdicts: [Bool?] = []
            verdicts.reserveCapacity(looks)
            let started = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<looks { verdicts.append(PageCondition.measure(a4)?.needsPreparation) }
            return (prepared, a4.width * a4.height, verdicts, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6 / Double(looks))
        }
        #expect(Self.cleanPages.count >= 60)
        #expect(prepared == [], "clean pages taken for photos")
        let pixels = try #require(a4Pixels, "the fixture was not scaled to A4")
        #expect(pixels > 8_700_000)
        #expect(verdicts == Array(repeating: false, count: looks), "a clean A4 page judged a photo, or not measured")
        print("PageCondition on a clean 300-dpi A4 page: \(String(format: "%.3f", perLook)) ms")
        #expect(perLook < 20)
    }

    @Test(arguments: ["photo-receipt-vi", "photo-receipt-en"])
    func phonePhotos_needPreparation(name: String) throws {
        let condition = try #require(PageCondition.measure(try Self.load(OCRFixture.path(name))))
        #expect(condition.needsPreparation, "\(condition)")
    }

    /// A receipt on a table, photographed at an angle with a shadow across: as it is,
    /// Tesseract reads the labels and drops every amount printed to their right (the dark
    /// table beside them); prepared, it reads the amounts, the total among them.
    @Test(arguments: [("photo-receipt-vi", "vie"), ("photo-receipt-en", "eng")])
    func aReceiptPhoto_readsMoreOfItsWords_andItsAmounts_whenPrepared(name: String, languages: String) async throws {
        let fixture = try OCRFixture.named(name)
        let path = OCRFixture.path(name)
        let (plainPage, preparedPage, seconds) = try await onWorkerThread {
            func read(_ mode: PagePreparationMode) throws -> (ReadPage?, Double) {
                let reader = try DocumentReader(languages: languages, vietnameseFirst: false, dataPath: nil, maxMegapixels: 60,
                                                maxPages: 5, pageTimeout: 60, preparation: mode)
                let started = DispatchTime.now().uptimeNanoseconds
                let pages = try reader.read(path: path, progress: { _ in }, shouldCancel: { false })
                return (pages.first, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            }
            let (plain, plainSeconds) = try read(.off)
            let (prepared, preparedSeconds) = try read(.auto)
            return (plain, prepared, (plainSeconds, preparedSeconds))
        }
        // Required here, in the test's task: a #require on the worker's thread is recorded for no test.
        let plain = try #require(plainPage, "no page read as it is")
        let prepared = try #require(preparedPage, "no page read prepared")
        let plainWords = fixture.words.count - missingWords(fixture.words, in: plain.text).count
        let preparedWords = fixture.words.count - missingWords(fixture.words, in: prepared.text).count
        let plainAmounts = fixture.amounts.count - fixture.missingAmounts(in: plain.text).count
        let preparedAmounts = fixture.amounts.count - fixture.missingAmounts(in: prepared.text).count
        print("\(name): as it is \(plainWords)/\(fixture.words.count) words, \(plainAmounts)/\(fixture.amounts.count) amounts, "
              + "\(String(format: "%.2f", seconds.0)) s; prepared \(preparedWords) words, \(preparedAmounts) amounts, "
              + "\(String(format: "%.2f", seconds.1)) s (\(prepared.preparation.joined(separator: ", ")))")
        #expect(plain.preparation == [])
        #expect(prepared.preparation.starts(with: ["grey", "cropped to the paper", "perspective corrected", "background normalised"]),
                "\(prepared.preparation)")
        #expect(preparedWords >= plainWords)
        #expect(preparedAmounts > plainAmounts)
        #expect(fixture.missingAmounts(in: prepared.text) == [])
        #expect(fixture.missingAmounts(in: plain.text).contains(fixture.total), "the photo no longer shows the loss")
    }

    /// The preparation of the committed photos costs milliseconds beside the reading.
    @Test func preparingAPhoto_costsMilliseconds() async throws {
        let runs = 5
        let (preparedRuns, milliseconds) = try await onWorkerThread {
            let page = try Self.load(OCRFixture.path("photo-receipt-vi"))
            var preparedRuns = 0
            let started = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<runs where PagePreparation.prepareIfNeeded(page) != nil { preparedRuns += 1 }
            return (preparedRuns, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6 / Double(runs))
        }
        // Checked in the test's task: an #expect on the worker's thread is recorded for no test.
        #expect(preparedRuns == runs, "the photo was left unprepared")
        print("PagePreparation of a 780×988 receipt photo: \(String(format: "%.1f", milliseconds)) ms")
        #expect(milliseconds < 2000)
    }
}
