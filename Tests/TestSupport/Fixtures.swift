import Foundation

/// Paths of the repository and of the committed test fixtures.
public enum Fixtures {
    /// The repository's root folder.
    public static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// `Tests/Fixtures/invoices`: rendered invoices with their expected fields.
    public static var invoices: String { "\(repositoryRoot)/Tests/Fixtures/invoices" }

    /// The rendered invoice called `name` (without extension).
    public static func invoice(_ name: String) -> String { "\(invoices)/\(name).png" }

    /// The expected fields of the rendered invoice `name`.
    public static func expected(_ name: String) throws -> ExpectedInvoice {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(invoices)/\(name).json"))
        return try JSONDecoder().decode(ExpectedInvoice.self, from: data)
    }

    /// Tesseract's language data folder on Debian.
    public static let tessdata = "/usr/share/tesseract-ocr/5/tessdata"
}

/// The part of a fixture's expected fields the OCR and daemon tests use.
public struct ExpectedInvoice: Decodable, Sendable {
    /// Distinctive words printed on the image.
    public var words: [String]
    public var invoice_type: String?
    public var total_amount: Double?
}
