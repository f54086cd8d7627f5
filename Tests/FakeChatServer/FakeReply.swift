import Foundation
import HTTPTypes
import Hummingbird

/// A tool call the fake model makes.
public struct FakeToolCall: Sendable {
    public var id: String
    public var name: String
    /// JSON text.
    public var arguments: String

    public init(id: String = "call_\(UInt32.random(in: 1...UInt32.max))", name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// What the fake server answers one request with.
public enum FakeReply: Sendable {
    /// A completion with `content` and/or tool calls, as JSON, or streamed as Server-Sent
    /// Events (pieces of the text, tool-call arguments in two fragments, usage at the end the
    /// way Groq sends it when `groqUsage`, else OpenAI's way).
    case completion(content: String?, toolCalls: [FakeToolCall] = [], model: String = "fake-model",
                    usage: (prompt: Int, completion: Int) = (10, 5), streamed: Bool = false, groqUsage: Bool = false)
    /// An error status with an OpenAI-style error body and extra headers.
    case error(status: Int, message: String, headers: [(String, String)] = [])
    /// Any body, for answers that are not what a client expects.
    case raw(status: Int, contentType: String, body: String)
    /// No answer at all until the server stops (a hung server: the client's timeout decides).
    case hang
    /// The status and headers of a stream, a first piece of text, then nothing until the server stops.
    case stallAfterHead(firstPiece: String)

    func response(gate: Gate) async throws -> Response {
        switch self {
        case let .completion(content, toolCalls, model, usage, streamed, groqUsage):
            if streamed {
                let events = Self.chunks(content: content, toolCalls: toolCalls, model: model, usage: usage, groqUsage: groqUsage)
                return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                    for event in events { try await writer.write(ByteBuffer(string: "data: \(event)\n\n")) }
                    try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                    try await writer.finish(nil)
                })
            }
            var message: [String: Any] = ["role": "assistant", "content": content.map { $0 as Any } ?? NSNull()]
            if !toolCalls.isEmpty {
                message["tool_calls"] = toolCalls.map { ["id": $0.id, "type": "function", "function": ["name": $0.name, "arguments": $0.arguments]] }
            }
            return Self.json(200, [
                "id": "chatcmpl-fake", "object": "chat.completion", "model": model,
                "choices": [["index": 0, "message": message, "finish_reason": toolCalls.isEmpty ? "stop" : "tool_calls"]],
                "usage": ["prompt_tokens": usage.prompt, "completion_tokens": usage.completion, "total_tokens": usage.prompt + usage.completion],
            ])
        case let .error(status, message, headers):
            var response = Self.json(status, ["error": ["message": message, "type": "fake_error"]])
            for (name, value) in headers { response.headers[HTTPField.Name(name)!] = value }
            return response
        case let .raw(status, contentType, body):
            return Response(status: .init(code: status), headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
        case .hang:
            await gate.wait()
            return Response(status: .serviceUnavailable)
        case let .stallAfterHead(firstPiece):
            let first = Self.text(["choices": [["index": 0, "delta": ["role": "assistant", "content": firstPiece]]]])
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "data: \(first)\n\n"))
                await gate.wait()
                try await writer.finish(nil)
            })
        }
    }

    static func chunks(content: String?, toolCalls: [FakeToolCall], model: String, usage: (prompt: Int, completion: Int),
                       groqUsage: Bool) -> [String] {
        func chunk(_ delta: [String: Any], finish: String? = nil) -> String {
            text(["id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model,
                  "choices": [["index": 0, "delta": delta, "finish_reason": finish.map { $0 as Any } ?? NSNull()]]])
        }
        var events = [chunk(["role": "assistant"])]
        if let content {
            // Split inside the text (a multi-byte letter may land on either side) to exercise reassembly.
            let characters = Array(content)
            var start = 0
            while start < characters.count {
                let end = min(characters.count, start + 7)
                events.append(chunk(["content": String(characters[start..<end])]))
                start = end
            }
        }
        for (index, call) in toolCalls.enumerated() {
            let half = call.arguments.index(call.arguments.startIndex, offsetBy: call.arguments.count / 2)
            events.append(chunk(["tool_calls": [["index": index, "id": call.id, "type": "function",
                                                 "function": ["name": call.name, "arguments": String(call.arguments[..<half])]]]]))
            events.append(chunk(["tool_calls": [["index": index, "function": ["arguments": String(call.arguments[half...])]]]]))
        }
        let usageObject: [String: Any] = ["prompt_tokens": usage.prompt, "completion_tokens": usage.completion,
                                          "total_tokens": usage.prompt + usage.completion]
        if groqUsage {
            events.append(text(["id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model,
                                "choices": [["index": 0, "delta": [String: Any](), "finish_reason": toolCalls.isEmpty ? "stop" : "tool_calls"]],
                                "x_groq": ["usage": usageObject]]))
        } else {
            events.append(chunk([:], finish: toolCalls.isEmpty ? "stop" : "tool_calls"))
            events.append(text(["id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model, "choices": [Any](),
                                "usage": usageObject]))
        }
        return events
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: text(object))))
    }

    static func text(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}
