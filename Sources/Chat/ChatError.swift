import Foundation

/// Why a chat could not be answered, worded for the person asking. None of these carries the
/// API key, a header or the conversation: each is safe to log and to show.
public enum ChatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No API key (or no usable one); the reason says where the key is looked for.
    case notConfigured(String)
    /// The request itself is wrong (empty message, bad field).
    case invalidRequest(String)
    /// `invoice_id` names no invoice.
    case invoiceNotFound(Int64)
    /// The chat server refused the key (401, or 403: no access to the model).
    case keyRejected(status: Int)
    /// The chat server kept rate-limiting beyond the wait budget; retry after this many seconds.
    case rateLimited(retryAfter: Int)
    /// The chat server kept failing (5xx) after this many attempts.
    case upstreamFailed(status: Int, attempts: Int)
    /// The chat server refused the request for another reason; `detail` is its message.
    case upstreamRejected(status: Int, detail: String)
    /// No answer within the timeout, this many attempts in a row.
    case timedOut(seconds: Double, attempts: Int)
    /// The chat server could not be reached at all.
    case unreachable(String)
    /// The chat server answered something that is not an OpenAI-compatible completion.
    case badResponse(String)
    /// The model still asked for tools after the last allowed round.
    case toolLoopExhausted(rounds: Int)
    /// The model answered with nothing.
    case emptyAnswer

    /// The message for the person asking.
    public var description: String {
        switch self {
        case let .notConfigured(reason):
            return "chat is not configured: \(reason)"
        case let .invalidRequest(reason):
            return reason
        case let .invoiceNotFound(id):
            return "no invoice with id \(id)"
        case let .keyRejected(status):
            return "the chat server rejected the API key (HTTP \(status)): check the key in chat.api_key_file, the groq-api-key credential or GROQ_API_KEY, and that it may use the configured chat.model"
        case let .rateLimited(retryAfter):
            return "the chat server is rate-limiting this key; try again in \(retryAfter) s"
        case let .upstreamFailed(status, attempts):
            return "the chat server failed (HTTP \(status)) \(attempts) time\(attempts == 1 ? "" : "s") in a row; try again later"
        case let .upstreamRejected(status, detail):
            return "the chat server refused the request (HTTP \(status))\(detail.isEmpty ? "" : ": \(detail)")"
        case let .timedOut(seconds, attempts):
            return "the chat server did not answer within \(Self.format(seconds)) s (\(attempts) attempt\(attempts == 1 ? "" : "s")); raise chat.timeout or try again later"
        case let .unreachable(detail):
            return "cannot reach the chat server: \(detail)"
        case let .badResponse(detail):
            return "the chat server's answer could not be read: \(detail)"
        case let .toolLoopExhausted(rounds):
            return "the model kept asking for data after \(rounds) rounds of lookups without answering; ask a narrower question"
        case .emptyAnswer:
            return "the model returned an empty answer"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
