import LinuxSupport

/// Lists the inbox recursively: regular files with names that are not ignored, in folders
/// that are not ignored. Every folder is reached below the inbox without following a symlink
/// (`ConfinedPath`): a symlink, to a file or a folder, is listed apart, never followed.
public enum InboxScanner {
    /// What a scan found.
    public struct Listing: Sendable {
        /// Candidate files.
        public var files: [InboxFile] = []
        /// The folders visited, absolute (for watches).
        public var folders: [String] = []
        /// Symlinks found (relative to the inbox): never taken nor followed.
        public var symlinks: [String] = []
        /// Entries whose names are not UTF-8, for the observer to give them a name.
        public var unnamed: [UnnamedEntry] = []
    }

    /// An entry whose name is not valid UTF-8 (a scanner or an old Windows share writing
    /// Latin-1), in `folder` (relative to the inbox, "" for the inbox itself).
    public struct UnnamedEntry: Sendable, Equatable {
        public var folder: String
        public var bytes: [UInt8]
    }

    /// Every candidate under the folder `relative` of `inbox` ("" for the whole inbox).
    public static func scan(inbox: String, below relative: String = "") -> Listing {
        var listing = Listing()
        walk(inbox: inbox, relative: relative, into: &listing)
        return listing
    }

    private static func walk(inbox: String, relative: String, into listing: inout Listing) {
        let folder = relative.isEmpty ? nil : ConfinedPath(root: inbox, relative: relative)
        if !relative.isEmpty && folder == nil { return }
        guard let names = try? FileSystem.rawEntries(folder, root: inbox) else { return }
        listing.folders.append(folder?.path ?? inbox)
        for bytes in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                listing.unnamed.append(UnnamedEntry(folder: relative, bytes: bytes))
                continue
            }
            guard !IgnoredNames.isIgnored(name) else { continue }
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            guard let path = ConfinedPath(root: inbox, relative: child) else { continue }
            switch (try? FileSystem.status(path))??.kind {
            case .regular?: listing.files.append(InboxFile(inbox: inbox, relativePath: child))
            case .directory?: walk(inbox: inbox, relative: child, into: &listing)
            case .symlink?: listing.symlinks.append(child)
            default: break
            }
        }
    }
}

/// Names for files whose names are not UTF-8.
public enum InboxNames {
    /// `bytes` as a name: valid UTF-8 sequences kept, every other byte written `%XX`
    /// (`facture-\xE9.pdf` becomes `facture-%E9.pdf`).
    public static func escaped(_ bytes: [UInt8]) -> String {
        var name = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes[index])
            let end = min(index + length, bytes.count)
            if length > 0, let scalar = String(validating: bytes[index..<end], as: UTF8.self), scalar.unicodeScalars.count == 1 {
                name += scalar
                index = end
            } else {
                name += "%" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return name
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
