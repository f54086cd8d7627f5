import APIWire
import Foundation

// The OpenAI chat-completions wire format, as Groq, llama.cpp's server, Ollama and vLLM speak
// it. Only the fields this daemon uses; unknown fields in answers are ignored.

/// A message of the conversation sent to the model.
struct WireMessage: Codable, Sendable, Equatable {
    var role: String
    var content: String?
    var toolCalls: [WireToolCall]?
    var toolCallId: String?

    enum CodingKeys: String, CodingKey {
        case role, content
        case toolCalls = "tool_calls"
        case toolCallId = "tool_call_id"
    }

    static func system(_ text: String) -> WireMessage { WireMessage(role: "system", content: text) }
    static func user(_ text: String) -> WireMessage { WireMessage(role: "user", content: text) }
    static func assistant(_ text: String) -> WireMessage { WireMessage(role: "assistant", content: text) }
    static func toolResult(id: String, _ text: String) -> WireMessage { WireMessage(role: "tool", content: text, toolCallId: id) }
}

/// A function call the model asks for.
struct WireToolCall: Codable, Sendable, Equatable {
    struct Function: Codable, Sendable, Equatable {
        var name: String
        /// JSON text of the arguments (OpenAI's form); some servers send an object instead,
        /// which decoding turns into text.
        var arguments: String

        init(name: String, arguments: String) {
            self.name = name
            self.arguments = arguments
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            let raw = try container.decodeIfPresent(JSONValue.self, forKey: .arguments) ?? .null
            switch raw {
            case let .string(text): arguments = text
            case .null: arguments = "{}"
            default: arguments = raw.serialized()
            }
        }
    }

    var id: String
    var type: String = "function"
    var function: Function
}

/// A tool offered to the model.
struct WireTool: Encodable, Sendable {
    struct Function: Encodable, Sendable {
        var name: String
        var description: String
        var parameters: JSONValue
    }

    var type = "function"
    var function: Function
}

/// The body of `POST /chat/completions`.
struct CompletionRequest: Encodable, Sendable {
    struct StreamOptions: Encodable, Sendable {
        var includeUsage = true
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    var model: String
    var messages: [WireMessage]
    var tools: [WireTool]?
    /// `auto`, or `none` for the last round, when the model must answer with what it has.
    var toolChoice: String?
    var temperature: Double?
    var stream: Bool
    var streamOptions: StreamOptions?

    enum CodingKeys: String, CodingKey {
        case model, messages, tools, temperature, stream
        case toolChoice = "tool_choice"
        case streamOptions = "stream_options"
    }
}

extension TokenUsage {
    /// The counts of several rounds added up.
    static func += (lhs: inout TokenUsage, rhs: TokenUsage) {
        lhs.promptTokens += rhs.promptTokens
        lhs.completionTokens += rhs.completionTokens
        lhs.totalTokens += rhs.totalTokens
    }
}

/// The answer of a non-streamed completion.
struct CompletionResponse: Decodable, Sendable {
    struct Choice: Decodable, Sendable {
        struct Message: Decodable, Sendable {
            var content: String?
            var toolCalls: [WireToolCall]?
            enum CodingKeys: String, CodingKey {
                case content
                case toolCalls = "tool_calls"
            }
        }

        var message: Message
        var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    var model: String?
    var choices: [Choice]
    var usage: TokenUsage?
}

/// One `data:` event of a streamed completion.
struct CompletionChunk: Decodable, Sendable {
    struct Choice: Decodable, Sendable {
        struct Delta: Decodable, Sendable {
            struct ToolCallDelta: Decodable, Sendable {
                struct Function: Decodable, Sendable {
                    var name: String?
                    var arguments: String?
                }

                var index: Int?
                var id: String?
                var function: Function?
            }

            var content: String?
            var toolCalls: [ToolCallDelta]?
            enum CodingKeys: String, CodingKey {
                case content
                case toolCalls = "tool_calls"
            }
        }

        var delta: Delta?
        var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    /// Groq's place for the usage of a stream.
    struct GroqExtras: Decodable, Sendable {
        var usage: TokenUsage?
    }

    /// A server that fails mid-stream sends `{"error": {...}}` as an event.
    struct StreamError: Decodable, Sendable {
        var message: String?
    }

    var model: String?
    var choices: [Choice]?
    var usage: TokenUsage?
    var xGroq: GroqExtras?
    var error: StreamError?

    enum CodingKeys: String, CodingKey {
        case model, choices, usage, error
        case xGroq = "x_groq"
    }
}

/// The error body OpenAI-compatible servers answer with: `{"error": {"message": ...}}`
/// (some put a plain string there).
struct ErrorBody: Decodable {
    var message: String?

    enum CodingKeys: String, CodingKey { case error }
    enum Inner: String, CodingKey { case message }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decode(String.self, forKey: .error) {
            message = text
        } else {
            message = try container.nestedContainer(keyedBy: Inner.self, forKey: .error).decodeIfPresent(String.self, forKey: .message)
        }
    }
}
