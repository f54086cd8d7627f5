import APIWire
import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1

/// Filters shared by `invoices` and `export`.
struct InvoiceFilterOptions: ParsableArguments {
    @Option(help: "Invoice type: general, electricity, water, telecom, service, retail.") var type: String?
    @Option(help: "Part of the seller's name (case and accents ignored).") var seller: String?
    @Option(help: "Invoice date from (YYYY-MM-DD).") var from: String?
    @Option(help: "Invoice date to (YYYY-MM-DD).") var to: String?
    @Option(name: .customLong("min-total"), help: "Smallest total.") var minTotal: Double?
    @Option(name: .customLong("max-total"), help: "Largest total.") var maxTotal: Double?
    @Flag(help: "Only the invoices that need review: a failed check, or a score under extraction.review_below.")
    var review = false

    var pairs: [(String, String?)] {
        [("type", type), ("seller", seller), ("from", from), ("to", to),
         ("min_total", minTotal.map { String($0) }), ("max_total", maxTotal.map { String($0) }),
         ("needs_review", review ? "true" : nil)]
    }
}

extension InvoiceCtl {
    struct Invoices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invoices read so far, newest first.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var filters: InvoiceFilterOptions
        @Option(help: "How many (1-500).") var limit = 20
        @Option(help: "Continue after a previous page.") var cursor: String?

        func run() async throws {
            try await reporting {
                let path = "/api/invoices/list" + queryString(filters.pairs + [("limit", String(limit)), ("cursor", cursor)])
                let reply = try await options.client.send(.GET, path)
                if options.json { return print(Table.json(reply.text)) }
                let page = try reply.decode(ResourcePage<InvoiceResource>.self)
                print(Table.render(["ID", "DATE", "TYPE", "CODE", "SELLER", "TOTAL", "CUR", "CONF", "REVIEW"], page.items.map { invoice in
                    ["\(invoice.id)", Table.cell(invoice.invoiceDate), Table.cell(invoice.invoiceType),
                     Table.cell(invoice.invoiceCode), Table.cell(invoice.sellerName, maxLength: 36), Table.cell(invoice.totalAmount),
                     Table.cell(invoice.currency), invoice.confidenceScore.map { String(format: "%.2f", $0) } ?? "-",
                     invoice.needsReview ? "yes" : ""]
                }))
                if let next = page.nextCursor { print("more: --cursor \(next)") }
            }
        }
    }

    /// `invoicectl invoice 12` shows an invoice (the default), `invoicectl invoice rm 12` removes it.
    struct Invoice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One invoice: show it (the default) or remove it.",
            subcommands: [ShowInvoice.self, RemoveInvoice.self], defaultSubcommand: ShowInvoice.self)
    }

    struct RemoveInvoice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Remove an invoice and the jobs that read it (a wrong or hostile reading).",
            discussion: "Lists, sums and chat forget it, and the same file dropped in again is read anew. The archived original is kept; its path is printed.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The invoice id.") var id: Int

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.DELETE, "/api/invoices/\(id)")
                if options.json { return print(Table.json(reply.text)) }
                let removed = try reply.decode(InvoiceRemoved.self)
                print("invoice \(id) removed")
                for original in removed.originalsKept {
                    print("original kept: \(TerminalText.visible(original))")
                }
            }
        }
    }

    struct ShowInvoice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One invoice: its fields, checks and the job it came from; --set corrects it.",
            discussion: "A correction is recorded (who, when, old, new) and teaches the daemon: the seller's next invoices with the same tax code get the name and type written here.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The invoice id.") var id: Int
        @Flag(help: "Print the OCR text too.") var text = false
        @Option(name: .customLong("set"), help: ArgumentHelp("Correct a field (repeat for more; FIELD= clears it), e.g. --set seller_name=\"CÔNG TY …\".", valueName: "field=value"))
        var sets: [String] = []
        @Flag(help: "Confirm the reading: clears needs_review.") var confirm = false

        func validate() throws {
            for set in sets where !set.contains("=") || set.hasPrefix("=") {
                throw ValidationError("--set takes FIELD=VALUE (e.g. --set seller_name=\"CÔNG TY TNHH HÒA BÌNH\"), not '\(set)'")
            }
        }

        /// `--set` and `--confirm` as the body of `PATCH /api/invoices/{id}`: values as text
        /// (the daemon reads the amounts' numbers from it), an empty value as null.
        var correction: InvoiceCorrection {
            var fields: [String: JSONValue] = [:]
            for set in sets {
                let parts = set.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = String(parts[1])
                fields[String(parts[0]).trimmingCharacters(in: .whitespaces)] = value.isEmpty ? .null : .string(value)
            }
            // Who corrects, for the invoice's history: the login (on the socket the daemon
            // checks it against the caller's own).
            let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            return InvoiceCorrection(fields: fields, confirm: confirm ? true : nil, userId: user)
        }

        func run() async throws {
            try await reporting {
                if !sets.isEmpty || confirm {
                    let body = ByteBuffer(bytes: try WireJSON.encode(correction))
                    let answer = try await options.client.send(.PATCH, "/api/invoices/\(id)", body: body, contentType: "application/json")
                    if options.json { return print(Table.json(answer.text)) }
                    for warning in try answer.decode(CorrectionResult.self).warnings {
                        print("warning: \(TerminalText.visible(warning, keepLayout: false))")
                    }
                }
                let reply = try await options.client.send(.GET, "/api/invoices/\(id)")
                if options.json { return print(Table.json(reply.text)) }
                let invoice = try reply.object()
                for key in invoice.keys.sorted() where !["raw_text", "checks", "job", "edits"].contains(key) {
                    print("\(key.padding(toLength: 17, withPad: " ", startingAt: 0)) \(Table.cell(invoice[key], maxLength: 200))")
                }
                if case let .object(checks) = invoice["checks"] {
                    print("checks:")
                    for key in checks.keys.sorted() { print("  \(key): \(Table.cell(checks[key], maxLength: 120))") }
                }
                if case let .array(edits) = invoice["edits"], !edits.isEmpty {
                    print("corrections:")
                    for case let .object(edit) in edits {
                        print("  \(Table.cell(edit["edited_at"]))  \(Table.cell(edit["edited_by"]))  \(Table.cell(edit["field"])): \(Table.cell(edit["old_value"], maxLength: 60)) -> \(Table.cell(edit["new_value"], maxLength: 60))")
                    }
                }
                if text, case let .string(raw) = invoice["raw_text"] { print("\n\(TerminalText.visible(raw))") }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Full-text search; \"dien luc\" finds ĐIỆN LỰC.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Words to find.") var words: [String]
        @Option(help: "How many (1-200).") var limit = 20

        func validate() throws {
            guard !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give some words to search for") }
        }

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.GET, "/api/search" + queryString([("q", words.joined(separator: " ")), ("limit", String(limit))]))
                if options.json { return print(Table.json(reply.text)) }
                let hits = try reply.decode(ResourcePage<SearchHit>.self).items
                if hits.isEmpty { return print("no invoice matches") }
                for hit in hits {
                    let invoice = hit.invoice
                    print("#\(invoice.id)  \(Table.cell(invoice.invoiceDate))  \(Table.cell(invoice.sellerName, maxLength: 50))  \(Table.cell(invoice.totalAmount)) \(Table.cell(invoice.currency))")
                    print("    \(TerminalText.visible(InvoiceCtl.plain(snippet: hit.snippet ?? ""), keepLayout: false))")
                }
            }
        }
    }

    /// The daemon's HTML snippet as terminal text: matches in [brackets], entities decoded.
    static func plain(snippet: String) -> String {
        snippet.replacingOccurrences(of: "<mark>", with: "[").replacingOccurrences(of: "</mark>", with: "]")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write invoices to a CSV file (UTF-8 with BOM, opens in Excel).")
        @OptionGroup var options: ClientOptions
        @OptionGroup var filters: InvoiceFilterOptions
        @Option(help: "The CSV file to write ('-' for standard output).") var csv: String

        func run() async throws {
            try await reporting {
                let reply = try await options.client.send(.GET, "/api/invoices/export.csv" + queryString(filters.pairs), timeout: .minutes(10))
                let data = Data(reply.body.readableBytesView)
                if csv == "-" { return FileHandle.standardOutput.write(data) }
                do { try data.write(to: URL(fileURLWithPath: csv), options: .atomic) } catch {
                    FileHandle.standardError.write(Data("invoicectl: cannot write \(csv): \(error.localizedDescription)\n".utf8))
                    throw ExitCode(1)
                }
                let rows = reply.text.split(separator: "\r\n").count - 1
                print("wrote \(rows) invoice(s) to \(csv)")
            }
        }
    }
}
