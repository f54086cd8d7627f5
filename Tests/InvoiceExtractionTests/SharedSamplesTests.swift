import Foundation
import Testing

@testable import InvoiceExtraction

/// Scores the extractor on the nine real born-digital invoices of invoice2data's test suite
/// (English, Dutch, German, French) kept in ../shared/samples/invoice2data, outside the
/// repository: the first page's text as the daemon reads a PDF with a text layer
/// (`pdftotext -layout -enc UTF-8 -f 1 -l 1`), compared with the labels' number, ISO date,
/// seller, total and currency.
@Suite struct SharedSamplesTests {
    /// Field accuracy the samples must reach. Zero until the extractor reads such invoices;
    /// the engineer improving it raises it to what it reaches. Issue 14 is done at >= 0.85.
    static let required = 0.85

    /// The fields compared, in report order.
    static let fields = ["invoice_code", "invoice_date", "seller_name", "total_amount", "currency"]

    static var samplesDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/samples/invoice2data").standardizedFileURL
    }

    /// The first page's text layer, as `pdftotext` gives it to the daemon.
    static func firstPageText(_ pdf: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read before waiting: a page of text can be more than the pipe holds.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: pdf.path])
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func invoice2dataSamples() throws {
        let directory = Self.samplesDirectory
        let labelsDirectory = directory.appendingPathComponent("labels")
        guard let labelNames = try? FileManager.default.contentsOfDirectory(atPath: labelsDirectory.path) else {
            let wanted = "labels/*.json and pdf/*.pdf in \(directory.path) (../shared/samples/invoice2data beside the repository)"
            Issue.record("the invoice2data samples are missing: expected \(wanted)")
            return
        }
        var right: [String: Int] = [:]
        var rows: [String] = []
        var mismatches: [String] = []
        var documents = 0
        for labelName in labelNames.sorted() where labelName.hasSuffix(".json") {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: labelsDirectory.appendingPathComponent(labelName)))
            let label = try #require(object as? [String: Any], "\(labelName) is not a JSON object")
            let source = try #require(label["source_path"] as? String, "\(labelName) has no source_path")
            let pdf = directory.appendingPathComponent("pdf").appendingPathComponent((source as NSString).lastPathComponent)
            let invoice = InvoiceExtractor.extract(text: try Self.firstPageText(pdf), ocrConfidence: nil)
            documents += 1

            let expected: [String: Any?] = [
                "invoice_code": label["invoice_code"], "invoice_date": label["invoice_date_iso"],
                "seller_name": label["seller_name"], "total_amount": label["total_amount_value"],
                "currency": label["currency"],
            ]
            var marks = ""
            for field in Self.fields {
                let want = expected[field] ?? nil
                // A label's invoice_code is the number as printed; the extractor may give it as either.
                let candidates: [Any?] = field == "invoice_code"
                    ? [CorpusTests.actual(invoice, "invoice_number"), CorpusTests.actual(invoice, "invoice_code")]
                    : [CorpusTests.actual(invoice, field)]
                if candidates.contains(where: { CorpusTests.same(want, $0) }) {
                    right[field, default: 0] += 1
                    marks += " ok      "
                } else {
                    marks += " --      "
                    let got = candidates.map { CorpusTests.describe($0) }.joined(separator: " / ")
                    mismatches.append("\(labelName.dropLast(5)): \(field) expected \(CorpusTests.describe(want)) got \(got)")
                }
            }
            rows.append(String(labelName.dropLast(5)).padding(toLength: 24, withPad: " ", startingAt: 0) + marks)
        }

        let total = documents * Self.fields.count
        let correct = right.values.reduce(0, +)
        let accuracy = Double(correct) / Double(max(total, 1))
        var report = "\ninvoice2data samples: \(documents) documents, \(total) fields\n"
        report += "document".padding(toLength: 24, withPad: " ", startingAt: 0)
            + ["number", "date", "seller", "total", "currency"].map { " " + $0.padding(toLength: 8, withPad: " ", startingAt: 0) }
            .joined() + "\n"
        report += rows.joined(separator: "\n") + "\n"
        report += "field               right   accuracy\n"
        for field in Self.fields {
            let r = right[field, default: 0]
            report += field.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "%4d/%d   %6.1f%%\n", r, documents, 100 * Double(r) / Double(max(documents, 1)))
        }
        report += String(format: "ALL FIELDS        %4d/%d   %6.2f%%   (required %.2f%%)\n", correct, total, 100 * accuracy,
                         100 * Self.required)
        report += "mismatches (\(mismatches.count)):\n" + mismatches.map { "  " + $0 }.joined(separator: "\n")
        print(report)

        #expect(documents >= 9, "found \(documents) labelled samples in \(labelsDirectory.path), expected the nine of invoice2data")
        #expect(accuracy >= Self.required, "invoice2data field accuracy \(accuracy) is under the required \(Self.required)")
    }
}
