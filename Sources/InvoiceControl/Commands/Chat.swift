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
                        let deleted = (try reply.object())["deleted"] as? Int ?? 0
                        return print("forgot \(deleted) message\(deleted == 1 ? "" : "s") of \(user)'s conversation")
                    }
                }
                var body: [String: Any] = ["message": message.joined(separator: " ")]
                if let user { body["user_id"] = user }
                if let invoiceId { body["invoice_id"] = invoiceId }
                if stream && !options.json { return try await streamed(body) }
                let data = try JSONSerialization.data(withJSONObject: body)
                let reply = try await options.client.send(.POST, "/chat", body: ByteBuffer(bytes: data), contentType: "application/json", timeout: .minutes(5))
                if options.json { return print(Table.json(reply.text)) }
                let object = try reply.object()
                print(TerminalText.visible(object["reply"] as? String ?? reply.text))
                printCitations(object)
            }
        }

        /// Prints tokens as they come, then the cited invoices.
        private func streamed(_ body: [String: Any]) async throws {
            var body = body
            body["stream"] = true
            let data = try JSONSerialization.data(withJSONObject: body)
            try await options.client.streamPost("/chat", body: ByteBuffer(bytes: data)) { event, object in
                switch event {
                case "token":
                    FileHandle.standardOutput.write(Data(TerminalText.visible(object["text"] as? String ?? "").utf8))
                case "done":
                    print("")
                    printCitations(object)
                case "error":
                    print("")
                    throw DaemonClient.Failure.daemon(status: object["status"] as? Int ?? 502, message: object["error"] as? String ?? "chat failed")
                default:
                    break
                }
            }
        }

        private func printCitations(_ object: [String: Any]) {
            if let ids = object["invoice_ids"] as? [Any], !ids.isEmpty {
                print("(invoices: \(ids.map { "\($0)" }.joined(separator: ", ")))")
            }
        }
    }
}
