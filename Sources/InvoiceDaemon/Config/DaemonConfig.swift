import Chat
import Foundation
import Ingest
import JobStore
import Logging
import Pipeline

/// The daemon's settings once every source has been read and every value checked.
public struct DaemonConfig: Sendable {
    /// Where HTTP is served besides the Unix socket.
    public enum HTTPBinding: Sendable, Equatable {
        case off
        case tcp(host: String, port: Int)
    }

    public var inbox: InboxSettings
    public var dataDir: String
    public var socketPath: String
    public var socketMode: UInt32
    /// Group given to the socket after binding (people allowed to query); nil keeps the
    /// daemon's own group.
    public var socketGroup: String?
    public var http: HTTPBinding
    /// Bearer token the TCP listener requires (only when bound beyond loopback).
    public var httpToken: String?
    /// Largest accepted `/upload-image` body.
    public var uploadLimitBytes: Int
    public var pipeline: PipelineSettings
    /// The chat server and the key (`POST /chat`).
    public var chat: ChatSettings
    public var logLevel: Logger.Level
    /// The config file that was read, if any.
    public var configFile: String?
    /// The Groq API key for the chat feature, from the systemd credential `groq-api-key` or
    /// `GROQ_API_KEY`; nil when neither is set (chat disabled).
    public var chatAPIKey: Secret?
}

/// A secret (an API key) that never shows in logs, descriptions or `--check-config`.
public struct Secret: Sendable, Equatable, CustomStringConvertible {
    /// The secret itself.
    public let value: String
    /// Where it came from, for messages: `credential groq-api-key`, `GROQ_API_KEY`.
    public let source: String

    /// A secret read from `source`.
    public init(value: String, source: String) {
        self.value = value
        self.source = source
    }

    public var description: String { "<secret from \(source)>" }
}
