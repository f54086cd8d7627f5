import Foundation
import Testing

@testable import InvoiceExtraction

/// A diagnostic, not a check: prints each line of one corpus document with the labels
/// found in it. Skipped, saying how to run it, unless EXTRACT_HITS names a document.
@Test(.enabled(if: ProcessInfo.processInfo.environment["EXTRACT_HITS"] != nil,
               "a diagnostic dump: EXTRACT_HITS=ocr/water-05 swift test --filter dumpHits"))
func dumpHits() throws {
    let name = ProcessInfo.processInfo.environment["EXTRACT_HITS"] ?? ""
    let documents = try CorpusTests.loadCorpus().filter { $0.name == name }
    #expect(!documents.isEmpty, "no corpus document is named \(name) (names look like ocr/water-05)")
    for document in documents {
        let index = DocumentIndex(DocumentText(document.text))
        let locator = ValueLocator(index)
        print("vietnamese: \(index.isVietnamese)")
        for line in index.lines {
            var out = "\(line.index): \(String(String.UnicodeScalarView(line.scalars)))"
            for (j, hit) in index.hits[line.index].enumerated() {
                let spans = locator.value(of: HitID(line: line.index, index: j))
                let value = spans.map { index.lines[$0.line].original($0.range) }.joined(separator: " | ")
                out += "\n      [\(hit.kind) \(hit.strength)] -> \(value)"
            }
            print(out)
        }
    }
}
