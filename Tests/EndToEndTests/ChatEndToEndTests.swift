import FakeChatServer
import Foundation
import GRDB
import TestSupport
import Testing

/// `invoicectl chat` through the real daemon, whose chat server is the test's fake: the
/// question about totals is answered with the number `aggregate_invoices` computed.
@Suite struct ChatEndToEndTests {
    static let key = "gsk_e2e_SECRET_0000111122223333"

    @Test func aQuestionAboutTotals_isAnsweredWithTheDatabasesSum() async throws {
        try await FakeChatServer.run({ request, index in
            guard request.authorization == "Bearer \(Self.key)", request.model == "openai/gpt-oss-20b" else {
                return .error(status: 401, message: "unexpected key or model")
            }
            switch index {
            case 0:
                return .completion(content: nil, toolCalls: [FakeToolCall(name: "aggregate_invoices", arguments: #"{"invoice_type":"electricity"}"#)])
            case 1:
                // Echo exactly what the tool computed.
                let group = (request.lastToolResult?["groups"] as? [[String: Any]])?.first ?? [:]
                let ids = (group["invoice_ids"] as? [Any] ?? []).map { "#\($0)" }.joined(separator: ", ")
                return .completion(content: "Tổng tiền điện: \(group["sum_total"] ?? "?") \(group["currency"] ?? "?") (\(group["count"] ?? "?") hóa đơn: \(ids))")
            default:
                // The second question arrives with the first turn remembered.
                let earlier = request.texts(role: "assistant").first ?? "nothing"
                return .completion(content: "Như đã nói: \(earlier)", streamed: true)
            }
        }) { server in
            let daemon = try DaemonProcess(arguments: ["--workers", "2"], environment: [
                "INVOICED_CHAT_BASE_URL": server.baseURL, "GROQ_API_KEY": Self.key, "CREDENTIALS_DIRECTORY": "",
            ])
            try await daemon.waitUntilReady()
            let scans = ["electricity-01", "electricity-02", "electricity-03", "water-01"]
            for name in scans {
                try FileManager.default.copyItem(atPath: Fixtures.invoice(name), toPath: "\(daemon.inbox)/\(name).png")
            }
            #expect(try await waitUntil(timeout: 180) { try daemon.statusCounts()["done"] == scans.count }, "log:\n\(daemon.log)")

            let socket = ["--socket", daemon.socket, "--user-id", "ke-toan"]
            let asked = try invoicectl(["chat", "Tổng", "tiền", "điện", "là", "bao", "nhiêu?"] + socket)
            #expect(asked.status == 0, "\(asked.err)")
            let (sum, ids) = try await daemon.database().read { db -> (Int64, [Int64]) in
                (try Int64.fetchOne(db, sql: "SELECT CAST(ROUND(SUM(total_amount)) AS INTEGER) FROM invoices WHERE invoice_type = 'electricity'") ?? -1,
                 try Int64.fetchAll(db, sql: "SELECT id FROM invoices WHERE invoice_type = 'electricity' ORDER BY id"))
            }
            #expect(!ids.isEmpty && sum > 0)
            let answer = "Tổng tiền điện: \(sum) VND (\(ids.count) hóa đơn: \(ids.map { "#\($0)" }.joined(separator: ", ")))"
            #expect(asked.out == "\(answer)\n(invoices: \(ids.map(String.init).joined(separator: ", ")))\n")
            #expect(server.received.first?.texts(role: "user") == ["Tổng tiền điện là bao nhiêu?"])

            let streamed = try invoicectl(["chat", "--stream", "Nhắc lại?"] + socket)
            #expect(streamed.status == 0, "\(streamed.err)")
            #expect(streamed.out.hasPrefix("Như đã nói: \(answer)\n"))

            let cleared = try invoicectl(["chat", "--clear"] + socket)
            #expect(cleared.status == 0 && cleared.out == "forgot 4 messages of ke-toan's conversation\n", "\(cleared.out)\(cleared.err)")
            #expect(!daemon.log.contains(Self.key))
            await daemon.stop()
        }
    }

    @Test func withoutAKey_chatSaysSo_andTheDaemonKeepsWorking() async throws {
        let daemon = try DaemonProcess(environment: ["GROQ_API_KEY": "", "CREDENTIALS_DIRECTORY": "", "INVOICED_CHAT_API_KEY_FILE": ""])
        try await daemon.waitUntilReady()
        let asked = try invoicectl(["chat", "xin chào", "--socket", daemon.socket, "--user-id", "x"])
        #expect(asked.status == 1)
        #expect(asked.err.contains("503") && asked.err.contains("chat is not configured: no API key"), "\(asked.err)")
        #expect(try invoicectl(["status", "--socket", daemon.socket]).status == 0)
        #expect(daemon.log.contains("chat is not configured"))
        await daemon.stop()
    }
}
