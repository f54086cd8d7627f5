import Foundation

/// A fresh folder under the system's temp folder, removed when the value goes away.
public final class TemporaryDirectory: Sendable {
    /// Absolute path of the folder.
    public let path: String

    /// Creates the folder; `prefix` helps find it while a test runs.
    public init(prefix: String = "invoiced-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `path/relative`.
    public func appending(_ relative: String) -> String { "\(path)/\(relative)" }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
