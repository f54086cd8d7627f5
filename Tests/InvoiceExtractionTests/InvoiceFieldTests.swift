import Foundation
import Testing

@testable import InvoiceExtraction

/// The extraction names fields by `InvoiceField`; what a user reads are the keys of the
/// `invoice` object. These hold the two together: a case misspelt, or a name written as
/// the case (`totalAmount`) instead of its key, shows here.
@Suite struct InvoiceFieldTests {
    static let keys = Set(InvoiceField.allCases.map(\.rawValue))

    @Test func everyFieldIsAKeyOfTheInvoiceObject() throws {
        let data = try JSONEncoder().encode(ExtractedInvoice())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys).subtracting(["confidence_score", "field_confidence", "checks"]) == Self.keys)
    }

    @Test func confidencesRepairsAndGapsNameInvoiceKeys() throws {
        let documents = try CorpusTests.loadCorpus()
        try #require(documents.count >= 20)
        var repairs = 0
        for document in documents {
            let invoice = InvoiceExtractor.extract(text: document.text, ocrConfidence: 80)
            #expect(Set(invoice.fieldConfidence.keys).isSubset(of: Self.keys), "\(document.name): \(invoice.fieldConfidence.keys.sorted())")
            for repair in invoice.checks.repairs {
                #expect(Self.keys.contains(repair.field), "\(document.name): repair of \(repair.field)")
                repairs += 1
            }
            for warning in invoice.checks.warnings where warning.hasSuffix(" not found") {
                #expect(Self.keys.contains(String(warning.dropLast(" not found".count))), "\(document.name): \(warning)")
            }
        }
        // The corpus holds damaged figures, so the repairs above were not an empty loop.
        #expect(repairs > 0)
    }
}
