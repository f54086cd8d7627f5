import APIWire
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
                let stats = try reply.decode(DaemonStats.self)
                // An unhealthy daemon answers 503 with its problems: shown, not "unknown".
                let health = try? await options.client.send(.GET, "/healthz", accepting: [503]).decode(HealthReport.self)
                print("invoiced: \(health?.status.rawValue ?? "unknown")   socket: \(options.client.socket)")
                for problem in health?.problems ?? [] {
                    print("  problem: \(TerminalText.visible(problem, keepLayout: false))")
                }
                print(Table.render(JobStatus.allCases.map(\.rawValue),
                                   [[stats.queued, stats.processing, stats.done, stats.failed, stats.duplicate].map { Table.cell($0) }]))
                print("invoices: \(Table.cell(stats.invoices))   workers busy: \(stats.workersBusy)/\(stats.workers)   jobs/min (5 min): \(Table.cell(stats.jobsPerMinute5m))")
                if let age = stats.oldestQueuedAgeSeconds {
                    print("oldest queued job waiting \(Int(age)) s")
                }
            }
        }
    }
}
