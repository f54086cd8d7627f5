import Foundation
import Testing

@testable import InvoiceExtraction

/// Scores the extractor on documents of the kinds users really send (issue 14): Vietnamese
/// e-invoice PDFs of several providers and their renders and scans, Vietnamese and foreign
/// receipts, foreign vendors' invoices and phone photos. The documents are in
/// Tests/Fixtures/kinds (scripts/render-kinds.py); `Corpus/kinds` holds their frozen text as
/// the daemon reads them (scripts/ocr-kinds.sh) and the expected fields, whose `kind` groups
/// the report.
@Suite struct KindsCorpusTests {
    /// Field accuracy each kind, and all documents together ("overall"), must reach: issue 14's
    /// bar (overall >= 0.95, every kind >= 0.90), raised to just under what each kind reaches on
    /// the text the daemon reads (scripts/read-kinds.sh), so that a regression fails. A kind
    /// found in the corpus but missing here fails the suite.
    static let required: [String: Double] = [
        "overall": 0.95,
        "vn-einvoice": 0.99,
        "vn-einvoice-render": 0.95,
        "vn-einvoice-scan": 0.90,
        "vn-receipt": 0.97,
        "foreign-receipt": 0.97,
        "vendor-invoice": 0.97,
        "photo": 0.91,
    ]

    struct Document {
        var name: String
        var kind: String
        var text: String
        var expected: [String: Any]
    }

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/kinds")
    }

    static func loadCorpus() throws -> [Document] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var documents: [Document] = []
        for name in names.sorted() where name.hasSuffix(".txt") {
            let base = String(name.dropLast(4))
            let json = directory.appendingPathComponent(base + ".json")
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json))
            guard let expected = object as? [String: Any], let kind = expected["kind"] as? String else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: json.path])
            }
            documents.append(Document(name: base, kind: kind, text: text, expected: expected))
        }
        return documents
    }

    /// Right answers per kind and field.
    struct Tally {
        var documents = 0
        var allRight = 0
        var right: [String: Int] = [:]

        var fields: Int { documents * CorpusTests.fields.count }
        var correct: Int { right.values.reduce(0, +) }
        var accuracy: Double { Double(correct) / Double(max(fields, 1)) }
    }

    @Test func fieldAccuracyPerKind() throws {
        let documents = try Self.loadCorpus()
        #expect(documents.count >= 40, "the kinds corpus has \(documents.count) documents, issue 14 asks for 40 or more")

        var tallies: [String: Tally] = [:]
        var mismatches: [String] = []
        var confidentButWrong: [String] = []
        var confident = 0
        for document in documents {
            // The mean confidence the daemon read the page with (scripts/read-kinds.sh records it), as the
            // pipeline passes it: the score is judged as users get it.
            let invoice = InvoiceExtractor.extract(text: document.text, ocrConfidence: document.expected["ocr_confidence"] as? Double)
            var wrong = 0
            for field in CorpusTests.fields {
                let expected = document.expected[field]
                let got = CorpusTests.actual(invoice, field)
                if CorpusTests.same(expected, got) {
                    tallies[document.kind, default: Tally()].right[field, default: 0] += 1
                    tallies["overall", default: Tally()].right[field, default: 0] += 1
                } else {
                    wrong += 1
                    mismatches.append("\(document.name): \(field) expected \(CorpusTests.describe(expected)) "
                        + "got \(CorpusTests.describe(got))")
                }
            }
            // The score must mean something on real documents: 0.9 or more only when every field is right.
            if invoice.confidenceScore >= 0.9 {
                confident += 1
                if wrong > 0 { confidentButWrong.append("\(document.name) (score \(invoice.confidenceScore), \(wrong) wrong)") }
            }
            for key in [document.kind, "overall"] {
                tallies[key, default: Tally()].documents += 1
                if wrong == 0 { tallies[key, default: Tally()].allRight += 1 }
            }
        }

        let kinds = tallies.keys.filter { $0 != "overall" }.sorted() + ["overall"]
        let report = Self.report(kinds: kinds, tallies: tallies, mismatches: mismatches)
        print(report)
        print("documents scored >= 0.9: \(confident); of those with a wrong field: \(confidentButWrong.count)")
        for line in confidentButWrong { print("  confident but wrong: " + line) }
        #expect(confidentButWrong.isEmpty, "documents scored >= 0.9 with a wrong field: \(confidentButWrong)")

        for kind in kinds {
            guard let required = Self.required[kind] else {
                Issue.record("kind \(kind) has no threshold in KindsCorpusTests.required")
                continue
            }
            let accuracy = tallies[kind]?.accuracy ?? 0
            #expect(accuracy >= required, "\(kind): field accuracy \(accuracy) is under the required \(required)")
        }
        for kind in Self.required.keys where tallies[kind] == nil {
            Issue.record("kind \(kind) has a threshold but no document in Corpus/kinds")
        }
        // The report is what the next engineer reads: it must show every kind and the total.
        for kind in kinds {
            #expect(report.contains("\n" + kind.padding(toLength: 20, withPad: " ", startingAt: 0)),
                    "the report lacks the summary line of \(kind)")
        }
    }

    /// A per-field table (percent right, one column per kind), a per-kind summary and every mismatch.
    static func report(kinds: [String], tallies: [String: Tally], mismatches: [String]) -> String {
        let width = max(8, (kinds.map(\.count).max() ?? 0) + 1)
        func cell(_ s: String) -> String {
            String(repeating: " ", count: max(0, width - s.count)) + s
        }
        let documents = tallies["overall"]?.documents ?? 0
        var out = "\nKinds corpus: \(documents) documents, \(documents * CorpusTests.fields.count) fields\n"
        out += "field (% right)     " + kinds.map(cell).joined() + "\n"
        for field in CorpusTests.fields {
            out += field.padding(toLength: 20, withPad: " ", startingAt: 0)
            for kind in kinds {
                let tally = tallies[kind] ?? Tally()
                let right = tally.right[field, default: 0]
                out += cell(String(format: "%.1f", 100 * Double(right) / Double(max(tally.documents, 1))))
            }
            out += "\n"
        }
        out += "ALL FIELDS          " + kinds.map { cell(String(format: "%.1f", 100 * (tallies[$0]?.accuracy ?? 0))) }
            .joined() + "\n\n"
        out += "kind                 documents  all fields right   fields right   accuracy   required\n"
        for kind in kinds {
            let tally = tallies[kind] ?? Tally()
            out += kind.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: " %9d  %16d   %6d/%-6d   %7.2f%%   %7.2f%%\n", tally.documents, tally.allRight,
                         tally.correct, tally.fields, 100 * tally.accuracy, 100 * (required[kind] ?? 0))
        }
        out += "mismatches (\(mismatches.count)):\n" + mismatches.map { "  " + $0 }.joined(separator: "\n")
        return out
    }
}
