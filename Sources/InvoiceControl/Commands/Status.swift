import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

extension InvoiceCtl {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs per status, the queue and the workers.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.GET, "/api/stats")
                if options.json { return print(Table.json(reply.text)) }
                let stats = try reply.object()
                // An unhealthy daemon answers 503 with its problems: shown, not "unknown".
                let health = try? await options.client.send(.GET, "/healthz", accepting: [503]).object()
                print("invoiced: \(TerminalText.visible(health?["status"] as? String ?? "unknown", keepLayout: false))   socket: \(options.client.socket)")
                for problem in health?["problems"] as? [String] ?? [] {
                    print("  problem: \(TerminalText.visible(problem, keepLayout: false))")
                }
                let statuses = ["queued", "processing", "done", "failed", "duplicate"]
                print(Table.render(statuses, [statuses.map { Table.cell(stats[$0]) }]))
                print("invoices: \(Table.cell(stats["invoices"]))   workers busy: \(Table.cell(stats["workers_busy"]))/\(Table.cell(stats["workers"]))   jobs/min (5 min): \(Table.cell(stats["jobs_per_minute_5m"]))")
                if let age = stats["oldest_queued_age_seconds"] as? Double {
                    print("oldest queued job waiting \(Int(age)) s")
                }
            }
        }
    }
}
