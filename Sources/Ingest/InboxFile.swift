import LinuxSupport

/// A file found in the inbox.
public struct InboxFile: Sendable, Hashable {
    /// The inbox folder it was found under (absolute).
    public var inbox: String
    /// Its path below the inbox: `scanner-2/a.jpg`.
    public var relativePath: String
    /// Absolute path.
    public var path: String
    /// The inbox subfolder it is in (its first path component), nil at the top level:
    /// `inbox/scanner-2/a.jpg` was uploaded by `scanner-2`.
    public var uploader: String?
    /// The file's own name.
    public var name: String

    /// The file at `relativePath` under `inbox`.
    public init(inbox: String, relativePath: String) {
        self.inbox = inbox
        self.relativePath = relativePath
        self.path = "\(inbox)/\(relativePath)"
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        self.name = components.last.map(String.init) ?? relativePath
        self.uploader = components.count > 1 ? String(components[0]) : nil
    }

    /// The file as a path that file operations resolve below the inbox without following a
    /// symlink; nil for a relative path with `.`, `..` or empty parts (never taken).
    public var confined: ConfinedPath? { ConfinedPath(root: inbox, relative: relativePath) }
}
