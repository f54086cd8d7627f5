import APIWire
import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

extension InvoiceCtl {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow jobs live: a progress bar per running job (plain lines when not on a terminal).")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await reporting {
                let client = options.client
                let terminal = isatty(STDOUT_FILENO) == 1 && !options.json
                var running: [String: (name: String, progress: Int)] = [:]
                var order: [String] = []
                var queued = (try? await client.send(.GET, "/api/stats").decode(DaemonStats.self).queued) ?? 0
                var drawnLines = 0
                if terminal { print("watching \(client.socket) (Ctrl-C to stop)") }
                try await client.streamEvents { event in
                    let type = event.type
                    let id = event.jobId
                    let name = TerminalText.visible(event.filename, keepLayout: false)
                    let message = event.message.map { TerminalText.visible($0, keepLayout: false) }
                    if !terminal {
                        if options.json {
                            print(TerminalText.json(String(decoding: try WireJSON.encode(event), as: UTF8.self)))
                        } else {
                            var line = "\(type) \(id) \(name)"
                            if let progress = event.progress { line += " \(progress)%" }
                            if let message { line += " — \(message)" }
                            print(line)
                        }
                        flushStandardOutput()
                        return
                    }
                    switch type {
                    case "job.queued": queued += 1
                    case "job.progress":
                        if running[id] == nil { order.append(id); queued = max(0, queued - 1) }
                        running[id] = (name, event.progress ?? 0)
                    case "job.done", "job.failed", "job.retrying":
                        if running[id] == nil { queued = max(0, queued - 1) }
                        running[id] = nil
                        order.removeAll { $0 == id }
                        let mark = type == "job.done" ? "done  " : type == "job.failed" ? "FAILED" : "retry "
                        clear(drawnLines)
                        drawnLines = 0
                        print("\(mark) \(name)\(message.map { " — \($0)" } ?? "")")
                    default: break
                    }
                    clear(drawnLines)
                    var lines = ["queue: \(queued) waiting, \(running.count) reading"]
                    for jobId in order {
                        guard let job = running[jobId] else { continue }
                        let filled = job.progress / 5
                        lines.append("[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 20 - filled))] \(String(format: "%3d", job.progress))% \(job.name)")
                    }
                    print(lines.joined(separator: "\n"))
                    drawnLines = lines.count
                    flushStandardOutput()
                }
            }
        }

        /// Moves up over the last drawn block and clears it.
        private func clear(_ lines: Int) {
            guard lines > 0 else { return }
            print(String(repeating: "\u{1B}[1A\u{1B}[2K", count: lines), terminator: "")
        }
    }
}

/// Flushes what `print` buffered, so a pipe or a terminal sees each line at once.
private func flushStandardOutput() {
    fflush(nil)
}
