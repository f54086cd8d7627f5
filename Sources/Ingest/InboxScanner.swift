import LinuxSupport

/// Lists the inbox recursively: regular files with names that are not ignored, in folders
/// that are not ignored. Symlinks are never followed.
public enum InboxScanner {
    /// Every candidate file under `inbox`, and the folders visited (for watches).
    public static func scan(inbox: String) -> (files: [InboxFile], folders: [String]) {
        var files: [InboxFile] = []
        var folders: [String] = []
        walk(inbox: inbox, relative: "", files: &files, folders: &folders)
        return (files, folders)
    }

    private static func walk(inbox: String, relative: String, files: inout [InboxFile], folders: inout [String]) {
        let folder = relative.isEmpty ? inbox : "\(inbox)/\(relative)"
        folders.append(folder)
        guard let names = try? FileSystem.entries(folder) else { return }
        for name in names.sorted() where !IgnoredNames.isIgnored(name) {
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            switch (try? FileSystem.status("\(inbox)/\(child)"))??.kind {
            case .regular?: files.append(InboxFile(inbox: inbox, relativePath: child))
            case .directory?: walk(inbox: inbox, relative: child, files: &files, folders: &folders)
            default: break
            }
        }
    }
}
