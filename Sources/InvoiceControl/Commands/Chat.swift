import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

extension InvoiceCtl {
    struct Chat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask about the invoices (answered through the configured LLM).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The question, e.g. \"Hóa đơn vừa upload có gì?\"") var message: [String]
        @Option(name: .customLong("user-id"), help: "Whose conversation (and whose latest upload).") var userId: String?
        @Option(name: .customLong("invoice-id"), help: "Talk about this invoice.") var invoiceId: Int?

        func run() async throws {
            try await reporting {
                var body: [String: Any] = ["message": message.joined(separator: " ")]
                if let userId { body["user_id"] = userId }
                if let invoiceId { body["invoice_id"] = invoiceId }
                let data = try JSONSerialization.data(withJSONObject: body)
                let reply = try await options.client.send(.POST, "/chat", body: ByteBuffer(bytes: data), contentType: "application/json", timeout: .minutes(5))
                if options.json { return print(Table.json(reply.text)) }
                let object = try reply.object()
                print(object["reply"] as? String ?? reply.text)
                if let ids = object["invoice_ids"] as? [Any], !ids.isEmpty {
                    print("(invoices: \(ids.map { "\($0)" }.joined(separator: ", ")))")
                }
            }
        }
    }
}
