import Foundation

/// A request the fake server got, with readers for what tests check.
public struct ReceivedRequest: Sendable {
    /// Header values by lower-case name.
    public let headers: [String: String]
    /// The raw body.
    public let body: Data

    /// The body as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// `Authorization`, as sent.
    public var authorization: String? { headers["authorization"] }
    public var model: String? { json["model"] as? String }
    public var stream: Bool { json["stream"] as? Bool ?? false }
    public var toolChoice: String? { json["tool_choice"] as? String }
    public var messages: [[String: Any]] { json["messages"] as? [[String: Any]] ?? [] }

    /// The offered tools by name, each with its `parameters` schema.
    public var tools: [String: [String: Any]] {
        var tools: [String: [String: Any]] = [:]
        for tool in json["tools"] as? [[String: Any]] ?? [] {
            guard let function = tool["function"] as? [String: Any], let name = function["name"] as? String else { continue }
            tools[name] = function["parameters"] as? [String: Any] ?? [:]
        }
        return tools
    }

    /// The `tool` messages, decoded: what our tools answered, by tool-call id.
    public var toolResults: [(callId: String, result: [String: Any])] {
        messages.compactMap { message in
            guard message["role"] as? String == "tool", let id = message["tool_call_id"] as? String,
                  let content = message["content"] as? String,
                  let object = (try? JSONSerialization.jsonObject(with: Data(content.utf8))) as? [String: Any] else { return nil }
            return (id, object)
        }
    }

    /// The latest tool result.
    public var lastToolResult: [String: Any]? { toolResults.last?.result }

    /// The text of the messages with `role`, in order.
    public func texts(role: String) -> [String] {
        messages.filter { $0["role"] as? String == role }.compactMap { $0["content"] as? String }
    }
}
