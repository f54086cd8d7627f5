import Foundation

/// How the daemon talks to the chat server, from `chat.*` in the configuration.
public struct ChatSettings: Sendable {
    /// Groq's OpenAI-compatible API.
    public static let groqBaseURL = "https://api.groq.com/openai/v1"
    /// The model asked by default: open weights, tool calling, cheap on Groq.
    public static let defaultModel = "openai/gpt-oss-20b"

    /// `{base_url}/chat/completions` is called; no trailing slash.
    public var baseURL: String
    /// The model named in each request.
    public var model: String
    /// The API key, or why there is none.
    public var credential: ChatCredential
    /// One upstream request may take this long, its streamed body included.
    public var timeout: Double
    /// Connecting may take this long (at most `timeout`).
    public var connectTimeout: Double
    /// Question-and-answer pairs remembered per user; 0 remembers nothing.
    public var historyTurns: Int
    /// Rounds of tool calls before the model must answer.
    public var maxToolRounds: Int
    /// When to retry a failed upstream request.
    public var retry: ChatRetryPolicy

    /// Settings; a trailing slash of `baseURL` is dropped and `connectTimeout` is at most `timeout`.
    public init(baseURL: String = ChatSettings.groqBaseURL, model: String = ChatSettings.defaultModel,
                credential: ChatCredential, timeout: Double = 60, connectTimeout: Double = 10, historyTurns: Int = 10,
                maxToolRounds: Int = 5, retry: ChatRetryPolicy = ChatRetryPolicy()) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.credential = credential
        self.timeout = timeout
        self.connectTimeout = min(connectTimeout, timeout)
        self.historyTurns = historyTurns
        self.maxToolRounds = maxToolRounds
        self.retry = retry
    }

    /// Groq needs a key; another server (llama.cpp, Ollama on this machine) may not, so
    /// without one it is called without `Authorization`.
    public var requiresKey: Bool {
        URL(string: baseURL)?.host?.lowercased() == URL(string: Self.groqBaseURL)?.host
    }

    /// Why chat cannot work, or nil when it can.
    public var configurationProblem: String? {
        if case let .missing(reason) = credential, requiresKey { return reason }
        return nil
    }
}
