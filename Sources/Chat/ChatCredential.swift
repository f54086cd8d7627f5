import Foundation
import LinuxSupport

/// The chat server's API key. Its `description` is redacted, so interpolating it into a log
/// line or an error cannot leak it; only `bearerHeader` gives the text away.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let secret: String

    /// A key, trimmed; nil when empty or when it holds whitespace or control characters
    /// inside (it goes into a header line).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        secret = trimmed
    }

    /// `Bearer <key>`, for the `Authorization` header only.
    var bearerHeader: String { "Bearer \(secret)" }

    /// Whether `text` contains the key (to scrub what a server echoes back).
    func occurs(in text: String) -> Bool { text.contains(secret) }

    /// `text` with the key replaced.
    func scrubbed(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "[key]") }

    /// Never the key.
    public var description: String { "[redacted API key]" }
    /// Never the key.
    public var debugDescription: String { description }
}

/// Where the API key came from, or why there is none.
public enum ChatCredential: Sendable, Equatable {
    /// A key and where it was read (a file path or a variable name, never the key).
    case key(APIKey, source: String)
    /// No usable key, and what to do about it.
    case missing(String)

    /// The key, if there is one.
    public var key: APIKey? {
        if case let .key(key, _) = self { return key }
        return nil
    }

    /// Where the key was read (a file path, a credential or a variable name); nil without one.
    public var source: String? {
        if case let .key(_, source) = self { return source }
        return nil
    }

    /// Where the key came from, or why there is none: for logs and `--check-config`.
    public var summary: String {
        switch self {
        case let .key(_, source): "from \(source)"
        case let .missing(reason): "none (\(reason)); chat disabled"
        }
    }

    /// The systemd credential name (`LoadCredential=groq-api-key:/path`).
    public static let credentialName = "groq-api-key"

    /// Finds the key: `chat.api_key_file` when set, else the systemd credential
    /// `$CREDENTIALS_DIRECTORY/groq-api-key`, else `GROQ_API_KEY`. A file that is set but
    /// unreadable or empty is reported, not skipped: the operator meant that file.
    public static func resolve(keyFile: String?, environment: [String: String]) -> ChatCredential {
        if let keyFile, !keyFile.isEmpty {
            return read(keyFile, what: "chat.api_key_file", source: keyFile)
        }
        // The one reader of systemd credentials (O_NOFOLLOW, a size limit, errno in the error).
        do {
            if let bytes = try SystemdCredentials.read(credentialName, environment: environment) {
                guard let text = String(validating: bytes, as: UTF8.self), let key = APIKey(text) else {
                    return .missing("the systemd credential \(credentialName) is empty, not UTF-8 or holds more than the key on one line")
                }
                return .key(key, source: "credential \(credentialName)")
            }
        } catch {
            return .missing("cannot read the systemd credential \(credentialName): \(error)")
        }
        if let text = environment["GROQ_API_KEY"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let key = APIKey(text) else { return .missing("GROQ_API_KEY holds spaces or control characters; it must be the key alone") }
            return .key(key, source: "GROQ_API_KEY")
        }
        return .missing("no API key: put it in a file named by chat.api_key_file (INVOICED_CHAT_API_KEY_FILE), in the systemd credential \(credentialName), or in GROQ_API_KEY, and restart invoiced")
    }

    private static func read(_ path: String, what: String, source: String) -> ChatCredential {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            return .missing("cannot read the key file \(path) (\(what)): \(FileError.reason(path))")
        }
        guard let key = APIKey(text) else {
            return .missing("the key file \(path) (\(what)) is empty or holds more than the key on one line")
        }
        return .key(key, source: source)
    }
}

/// Why a file could not be read, in a few words.
private enum FileError {
    static func reason(_ path: String) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return "no such file" }
        if isFolder.boolValue { return "it is a folder" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied for this user" }
        return "not UTF-8 text"
    }
}
