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
    /// Where jobs and invoices are kept (`store`).
    public var store: StoreAddress
    /// This node's name among the nodes of a shared store (`node_name`).
    public var nodeName: String
    public var socketPath: String
    public var socketMode: UInt32
    /// Group given to the socket after binding (people allowed to query); nil keeps the
    /// daemon's own group.
    public var socketGroup: String?
    public var http: HTTPBinding
    /// Token the TCP listener requires (as a bearer header, or exchanged at /login for a
    /// cookie): always beyond loopback, on loopback when set.
    public var httpToken: String?
    /// Host names the TCP listener answers to besides localhost and loopback literals.
    public var httpHosts: [String]
    /// `/api/events` streams open at once, at most.
    public var maxEventStreams: Int
    /// Seconds a connection may send nothing (between requests, or in the middle of one) before it is closed.
    public var idleTimeout: Double
    /// Largest accepted `/upload-image` body.
    public var uploadLimitBytes: Int
    public var pipeline: PipelineSettings
    /// The chat server and the key (`POST /chat`).
    public var chat: ChatSettings
    public var logLevel: Logger.Level
    /// The config file that was read, if any.
    public var configFile: String?
}
