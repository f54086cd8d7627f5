import Foundation
import Testing

@testable import InvoiceExtraction

/// A diagnostic, not a check: `EXTRACT_HITS=ocr/water-05 swift test --filter dumpHits`
/// prints each line with the labels found in it. Skipped unless the variable is set.
@Test(.enabled(if: ProcessInfo.processInfo.environment["EXTRACT_HITS"] != nil))
func dumpHits() throws {
    let name = ProcessInfo.processInfo.environment["EXTRACT_HITS"] ?? ""
    for document in try CorpusTests.loadCorpus() where document.name == name {
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
