import Chat
import Foundation
@testable import InvoiceDaemon
import TestSupport
import Testing

/// `chat.*` keys, and where the API key comes from.
@Suite struct ChatConfigTests {
    let loading: ConfigLoading
    var dir: TemporaryDirectory { loading.dir }

    init() throws {
        loading = try ConfigLoading()
    }

    @Test func defaults_areGroqsGptOss_withoutAKey() async throws {
        let chat = try await loading.load().chat
        #expect(chat.baseURL == "https://api.groq.com/openai/v1")
        #expect(chat.model == "openai/gpt-oss-20b")
        #expect(chat.timeout == 60 && chat.historyTurns == 10 && chat.maxToolRounds == 5)
        #expect(chat.configurationProblem?.contains("GROQ_API_KEY") == true)
    }

    @Test func everyChatKey_isAFileKeyAndAnEnvironmentVariable() async throws {
        let fromFile = try await loading.load(file: """
        chat:
          base_url: http://127.0.0.1:11434/v1/
          model: qwen2.5:7b
          timeout: 2m
          history_turns: 0
          max_tool_rounds: 3
        """)
        #expect(fromFile.chat.baseURL == "http://127.0.0.1:11434/v1")
        #expect(fromFile.chat.model == "qwen2.5:7b")
        #expect(fromFile.chat.timeout == 120 && fromFile.chat.historyTurns == 0 && fromFile.chat.maxToolRounds == 3)
        // Not Groq, no key: called without one.
        #expect(fromFile.chat.configurationProblem == nil)
        let fromEnv = try await loading.load(env: ["INVOICED_CHAT_BASE_URL": "http://127.0.0.1:8080/v1", "INVOICED_CHAT_MODEL": "local",
                                           "INVOICED_CHAT_TIMEOUT": "5", "INVOICED_CHAT_HISTORY_TURNS": "4",
                                           "INVOICED_CHAT_MAX_TOOL_ROUNDS": "2"])
        #expect(fromEnv.chat.baseURL == "http://127.0.0.1:8080/v1" && fromEnv.chat.model == "local")
        #expect(fromEnv.chat.timeout == 5 && fromEnv.chat.historyTurns == 4 && fromEnv.chat.maxToolRounds == 2)
    }

    @Test func theKey_comesFromTheKeyFile_theCredential_orGROQ_API_KEY() async throws {
        try "gsk_from_file\n".write(toFile: dir.appending("groq.key"), atomically: true, encoding: .utf8)
        let fromFile = try await loading.load(env: ["INVOICED_CHAT_API_KEY_FILE": "groq.key", "GROQ_API_KEY": "gsk_env"])
        #expect(fromFile.chat.credential == .key(APIKey("gsk_from_file")!, source: dir.appending("groq.key")))
        try FileManager.default.createDirectory(atPath: dir.appending("creds"), withIntermediateDirectories: true)
        try "gsk_credential".write(toFile: dir.appending("creds/groq-api-key"), atomically: true, encoding: .utf8)
        let fromCredential = try await loading.load(env: ["CREDENTIALS_DIRECTORY": dir.appending("creds"), "GROQ_API_KEY": "gsk_env"])
        #expect(fromCredential.chat.credential.key == APIKey("gsk_credential"))
        #expect(try await loading.load(env: ["GROQ_API_KEY": "gsk_env"]).chat.credential.key == APIKey("gsk_env"))
        // A key file that cannot be read does not stop the daemon: chat says why.
        let unreadable = try await loading.load(env: ["INVOICED_CHAT_API_KEY_FILE": "missing.key", "GROQ_API_KEY": "gsk_env"])
        #expect(unreadable.chat.configurationProblem?.contains("\(dir.appending("missing.key")) (chat.api_key_file): no such file") == true)
    }

    @Test(arguments: [
        ("INVOICED_CHAT_BASE_URL", "api.groq.com", "chat.base_url"),
        ("INVOICED_CHAT_BASE_URL", "ftp://x/v1", "chat.base_url"),
        ("INVOICED_CHAT_TIMEOUT", "0", "chat.timeout"),
        ("INVOICED_CHAT_HISTORY_TURNS", "-1", "chat.history_turns"),
        ("INVOICED_CHAT_MAX_TOOL_ROUNDS", "0", "chat.max_tool_rounds"),
        ("INVOICED_CHAT_MAX_TOOL_ROUNDS", "many", "chat.max_tool_rounds"),
    ])
    func badValue_isAnErrorNamingTheKey(variable: String, value: String, key: String) async {
        do {
            _ = try await loading.load(env: [variable: value])
            Issue.record("no error for \(variable)=\(value)")
        } catch {
            #expect("\(error)".contains(key) && "\(error)".contains(variable))
        }
    }
}
