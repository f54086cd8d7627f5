import Foundation
import TestSupport

/// `Tests/Fixtures/ocr`: receipts and phone photos for how pages are read
/// (scripts/render-ocr-fixtures.py), each with the words and amounts printed on it.
struct OCRFixture: Decodable, Sendable {
    /// Words printed on the page (compared folded, as `missingWords` does).
    var words: [String]
    /// Amounts as printed, e.g. `4.76`.
    var amounts: [String]
    /// The receipt's total as printed, e.g. `9.00`.
    var total: String

    /// The image file of fixture `name` (`.png` or `.jpg`).
    static func path(_ name: String) -> String {
        let base = "\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/\(name)"
        return FileManager.default.fileExists(atPath: "\(base).png") ? "\(base).png" : "\(base).jpg"
    }

    /// What fixture `name` prints.
    static func named(_ name: String) throws -> OCRFixture {
        let url = URL(fileURLWithPath: "\(Fixtures.repositoryRoot)/Tests/Fixtures/ocr/\(name).json")
        return try JSONDecoder().decode(OCRFixture.self, from: Data(contentsOf: url))
    }

    /// The amounts of this fixture that `text` does not hold as whole tokens: `4.76` read as
    /// `476` or `4.7` is missing.
    func missingAmounts(in text: String) -> [String] {
        let tokens = Set(text.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == ",") })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,")) })
        return amounts.filter { !tokens.contains($0) }
    }
}
