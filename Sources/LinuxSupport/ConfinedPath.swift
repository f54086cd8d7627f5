/// A path beneath a root folder that file operations resolve one folder at a time, each
/// opened with `O_NOFOLLOW` from the one above it (`FileSystem+Confined.swift`): a folder on
/// the way that is a symlink is refused (`ELOOP`), never followed out of the root.
///
/// The inbox is written by anyone on the share, folders included: a folder swapped for a
/// symlink to the data folder, between the check of a file and its move, once made the daemon
/// move its own database to `failed/`. The root itself is the operator's and may be a symlink.
public struct ConfinedPath: Sendable, Hashable, CustomStringConvertible {
    /// The root folder, as configured (absolute).
    public let root: String
    /// The names from the root down to the entry itself; none is empty, `.` or `..`.
    public let components: [String]

    /// The entry at `relative` (`a/b.jpg`) below `root`; nil when `relative` is empty or has
    /// an empty, `.` or `..` component.
    public init?(root: String, relative: String) {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        self.root = root
        self.components = parts
    }

    /// `absolute` as a path below `root`; nil when it is not below it.
    public init?(_ absolute: String, beneath root: String) {
        guard absolute.hasPrefix(root + "/") else { return nil }
        self.init(root: root, relative: String(absolute.dropFirst(root.count + 1)))
    }

    /// The full path, for messages and for the database.
    public var path: String { root + "/" + components.joined(separator: "/") }
    /// The entry's own name.
    public var name: String { components[components.count - 1] }
    /// The folders between the root and the entry.
    public var folders: ArraySlice<String> { components.dropLast() }

    public var description: String { path }
}
