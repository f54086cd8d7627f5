import APIWire
import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

extension InvoiceCtl {
    struct Chat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask about the invoices (answered through the configured LLM, from the database).",
            discussion: """
            The daemon remembers the last turns of each --user-id (default: your login name); \
            --clear forgets them. Amounts come from the database's own sums, and the invoices \
            the answer cites are listed after it.
            """)
        @OptionGroup var options: ClientOptions
        @Argument(help: "The question, e.g. \"Hóa đơn vừa upload có gì?\"") var message: [String] = []
        @Option(name: .customLong("user-id"), help: "Whose conversation (and whose latest upload); default: $USER.") var userId: String?
        @Option(name: .customLong("invoice-id"), help: "Talk about this invoice.") var invoiceId: Int?
        @Flag(help: "Print the answer as it is written.") var stream = false
        @Flag(help: "Forget this user's conversation (before asking, if a question is given).") var clear = false

        /// The conversation's owner: the flag, else the login name.
        var user: String? {
            userId ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
        }

        func validate() throws {
            if message.isEmpty && !clear { throw ValidationError("Ask a question, or give --clear to forget the conversation.") }
            if clear && user == nil { throw ValidationError("--clear needs --user-id (USER is not set).") }
        }

        func run() async throws {
            try await reporting {
                if clear, let user {
                    let reply = try await options.client.send(.DELETE, "/chat/history" + queryString([("user_id", user)]))
                    if message.isEmpty {
                        if options.json { return print(Table.json(reply.text)) }
                        let deleted = try reply.decode(ChatHistoryCleared.self).deleted
                        return print("forgot \(deleted) message\(deleted == 1 ? "" : "s") of \(user)'s conversation")
                    }
                }
                let question = ChatQuestion(message: message.joined(separator: " "), userId: user, invoiceId: invoiceId.map(Int64.init))
                if stream && !options.json { return try await streamed(question) }
                let data = try WireJSON.encode(question)
                let reply = try await options.client.send(.POST, "/chat", body: ByteBuffer(bytes: data), contentType: "application/json", timeout: .minutes(5))
                if options.json { return print(Table.json(reply.text)) }
                let answer = try reply.decode(ChatReply.self)
                print(TerminalText.visible(answer.reply))
                printCitations(answer.invoiceIds)
            }
        }

        /// Prints tokens as they come, then the cited invoices.
        private func streamed(_ question: ChatQuestion) async throws {
            var question = question
            question.stream = true
            let decoder = WireJSON.decoder()
            try await options.client.streamPost("/chat", body: ByteBuffer(bytes: try WireJSON.encode(question))) { event, data in
                switch event {
                case "token":
                    guard let token = try? decoder.decode(ChatTokenEvent.self, from: data) else { return }
                    FileHandle.standardOutput.write(Data(TerminalText.visible(token.text).utf8))
                case "done":
                    print("")
                    if let answer = try? decoder.decode(ChatReply.self, from: data) { printCitations(answer.invoiceIds) }
                case "error":
                    print("")
                    let failure = try? decoder.decode(ChatErrorEvent.self, from: data)
                    throw DaemonClient.Failure.daemon(status: failure?.status ?? 502, message: failure?.error ?? "chat failed")
                default:
                    break
                }
            }
        }

        private func printCitations(_ ids: [Int64]) {
            if !ids.isEmpty {
                print("(invoices: \(ids.map(String.init).joined(separator: ", ")))")
            }
        }
    }
}
