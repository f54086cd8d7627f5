/// Names a scanner, a copy tool or a desktop writes while a file is not finished, or that
/// are not documents at all. They are never taken from the inbox.
public enum IgnoredNames {
    private static let suffixes = [".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".filepart", ".swp"]
    private static let exact: Set<String> = ["thumbs.db", "desktop.ini", ".ds_store"]

    /// Whether a file or folder called `name` is ignored.
    public static func isIgnored(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") || name.hasPrefix("~$") { return true }
        let lower = name.lowercased()
        if exact.contains(lower) { return true }
        return suffixes.contains { lower.hasSuffix($0) }
    }
}
