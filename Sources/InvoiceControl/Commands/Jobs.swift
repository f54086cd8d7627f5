import APIWire
import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

extension InvoiceCtl {
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recent jobs, newest first.")
        @OptionGroup var options: ClientOptions
        @Option(help: "Only jobs in this status (queued, processing, done, failed, duplicate).") var status: String?
        @Option(help: "Only jobs from this uploader (inbox subfolder).") var uploader: String?
        @Option(help: "How many (1-500).") var limit = 20
        @Option(help: "Continue after a previous page (its next_cursor).") var cursor: String?

        func run() async throws {
            try await reporting {
                let path = "/api/ocr/jobs" + queryString([("status", status), ("uploader", uploader), ("limit", String(limit)), ("cursor", cursor)])
                let reply = try await options.client.send(.GET, path)
                if options.json { return print(Table.json(reply.text)) }
                let page = try reply.decode(ResourcePage<JobResource>.self)
                print(Table.render(["ID", "STATUS", "PROGRESS", "ATTEMPTS", "UPLOADER", "FILE", "ERROR"], page.items.map { job in
                    [Table.cell(job.id), Table.cell(job.status.rawValue), "\(job.progress)%", "\(job.attempts)",
                     Table.cell(job.uploader), Table.cell(job.filename, maxLength: 30), Table.cell(job.errorMessage, maxLength: 50)]
                }))
                if let next = page.nextCursor { print("more: --cursor \(next)") }
            }
        }
    }

    struct Job: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One job, all its fields.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The job id.") var id: String

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.GET, "/api/ocr/job/\(pathComponent(id))")
                if options.json { return print(Table.json(reply.text)) }
                let job = try reply.object()
                for key in job.keys.sorted() { print("\(key.padding(toLength: 17, withPad: " ", startingAt: 0)) \(Table.cell(job[key], maxLength: 200))") }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a failed job back in the queue.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The failed job's id.") var id: String

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.POST, "/api/ocr/job/\(pathComponent(id))/retry")
                if options.json { return print(Table.json(reply.text)) }
                print("job \(id) queued again")
            }
        }
    }
}
