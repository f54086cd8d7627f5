import Foundation
import OCR
import Synchronization
import TestSupport
import Testing

/// Issue 14, item 7: a doubtful page is read a second time (grey, contrast stretched, 2×,
/// one block of text) and the reading the caller's judge prefers is kept; clean pages are
/// read once.
@Suite struct SecondReadingTests {
    /// A judge that knows what the receipt prints: its fields check out when its total is
    /// in the text; the more of its amounts, the better.
    static func judge(for fixture: OCRFixture) -> @Sendable (String) -> ReadingJudgement {
        { text in
            let missing = fixture.missingAmounts(in: text)
            return ReadingJudgement(score: Double(fixture.amounts.count - missing.count), fieldsFound: !missing.contains(fixture.total))
        }
    }

    static func read(_ path: String, languages: String, secondReading: Bool,
                     judge: @escaping @Sendable (String) -> ReadingJudgement) async throws -> ReadPage {
        let page = try await onWorkerThread {
            // Unprepared: on this photo the first reading has the labels and none of the amounts.
            let reader = try DocumentReader(languages: languages, vietnameseFirst: false, dataPath: nil, maxMegapixels: 60,
                                            maxPages: 5, pageTimeout: 60, preparation: .off, secondReading: secondReading)
            return try reader.read(path: path, progress: { _ in }, shouldCancel: { false }, judge: judge).first
        }
        // Required in the test's task: a #require on the worker's thread is recorded for no
        // test, and the error it throws then passes as already recorded.
        return try #require(page, "no page read")
    }

    @Test func aReceiptPhotoReadWithoutItsTotal_isReadAgain_andTheReadingWithTheTotalIsKept() async throws {
        let fixture = try OCRFixture.named("photo-receipt-vi")
        let path = OCRFixture.path("photo-receipt-vi")
        let once = try await Self.read(path, languages: "vie", secondReading: false, judge: Self.judge(for: fixture))
        #expect(fixture.missingAmounts(in: once.text).contains(fixture.total), "the first reading has the total now")
        #expect(once.reading == "first")

        let twice = try await Self.read(path, languages: "vie", secondReading: true, judge: Self.judge(for: fixture))
        #expect(twice.reading?.hasPrefix("second: psm 6") == true, "\(twice.reading ?? "nil")")
        #expect(!fixture.missingAmounts(in: twice.text).contains(fixture.total), "\(twice.text)")
        #expect(twice.reading?.contains("2x grey") == true)
    }

    @Test func aCleanScan_isReadOnce_andJudgedOnce() async throws {
        let calls = CallCount()
        let judge: @Sendable (String) -> ReadingJudgement = { _ in
            calls.count.add(1, ordering: .relaxed)
            return ReadingJudgement(score: 1, fieldsFound: true)
        }
        let page = try await Self.read(Fixtures.invoice("vat-bilingual-02"), languages: "vie", secondReading: true, judge: judge)
        #expect(page.reading == "first")
        #expect(calls.count.load(ordering: .relaxed) == 1)
    }

    /// Prepared, this photo's first reading has its amounts in a column of their own after
    /// the labels; its words rebuilt into lines by their baselines pair them again, and that
    /// settles the page without a second OCR pass.
    @Test func aReadingWhoseAmountsLeftTheirLabels_isSettledByItsWordBoxes_withoutReadingAgain() async throws {
        let calls = CallCount()
        let judge: @Sendable (String) -> ReadingJudgement = { text in
            calls.count.add(1, ordering: .relaxed)
            let paired = text.split(separator: "\n").contains { $0.contains("PHẢI") && $0.contains("99.000") }
            return ReadingJudgement(score: paired ? 1 : 0, fieldsFound: paired)
        }
        let read = try await onWorkerThread {
            let reader = try DocumentReader(languages: "vie", vietnameseFirst: false, dataPath: nil, maxMegapixels: 60,
                                            maxPages: 5, pageTimeout: 60, preparation: .auto)
            return try reader.read(path: OCRFixture.path("photo-receipt-vi"), progress: { _ in },
                                   shouldCancel: { false }, judge: judge).first
        }
        let page = try #require(read, "no page read")
        #expect(page.reading == "first, lines rebuilt from word boxes (worse: first)")
        #expect(calls.count.load(ordering: .relaxed) == 2)
        #expect(page.text.split(separator: "\n").contains { $0.contains("PHẢI") && $0.hasSuffix("99.000") })
    }

    /// When no other reading is better, the first is kept, and the page says what was tried.
    @Test func otherReadingsJudgedWorse_areDropped() async throws {
        let calls = CallCount()
        let judge: @Sendable (String) -> ReadingJudgement = { _ in
            // Doubtful every time; the first reading scores highest.
            let call = calls.count.add(1, ordering: .relaxed).newValue
            return ReadingJudgement(score: call == 1 ? 1 : 0, fieldsFound: false)
        }
        let page = try await Self.read(OCRFixture.path("receipt-en-small"), languages: "eng", secondReading: true, judge: judge)
        #expect(calls.count.load(ordering: .relaxed) >= 2)
        #expect(page.reading?.hasPrefix("first (worse: ") == true, "\(page.reading ?? "nil")")
        #expect(page.reading?.contains("second: psm 6") == true)
    }
}

/// How many times a judge was asked.
final class CallCount: Sendable {
    let count = Atomic<Int>(0)
}
