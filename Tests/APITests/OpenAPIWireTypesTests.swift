import APIWire
import Foundation
import TestSupport
import Testing

/// docs/openapi.json and the wire types (APIWire) describe the same bodies: each type,
/// filled and empty, encodes to an object whose keys are its schema's properties (every
/// required one present) and whose values have the schema's types. A field added to a type
/// but not to the document, or the other way round, fails here.
@Suite struct OpenAPIWireTypesTests {
    typealias Object = [String: Any]

    static var document: Object {
        let path = "\(Fixtures.repositoryRoot)/docs/openapi.json"
        let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? Object) ?? [:]
    }

    static var schemas: Object { (document["components"] as? Object)?["schemas"] as? Object ?? [:] }

    static let time = Date(timeIntervalSince1970: 1_791_187_200.5)

    static func job(filled: Bool) -> JobResource {
        JobResource(id: "7f3c", filepath: "/data/archive/2026/10/a.jpg", filename: "a.jpg", status: filled ? .done : .queued,
                    attempts: filled ? 1 : 0, invoiceId: filled ? 12 : nil, errorMessage: filled ? "was retried" : nil,
                    uploader: filled ? "scanner-2" : nil, userId: filled ? "lan" : nil, createdAt: time, updatedAt: time,
                    startedAt: filled ? time : nil, completedAt: filled ? time : nil, sha256: filled ? "ab12" : nil,
                    sizeBytes: filled ? 2048 : nil, progress: filled ? 100 : 0, pages: filled ? 2 : nil,
                    leaseExpiresAt: filled ? time : nil, nextAttemptAt: filled ? time : nil, duplicateOf: filled ? "1a2b" : nil,
                    resultPath: filled ? "results/7f3c.json" : nil)
    }

    static func invoice(filled: Bool) -> InvoiceResource {
        func text(_ value: String) -> String? { filled ? value : nil }
        func number(_ value: Double) -> Double? { filled ? value : nil }
        return InvoiceResource(id: 12, jobId: "7f3c", filename: "a.jpg", invoiceCode: text("1C26TAA"), invoiceType: text("goods"),
                               invoiceSeries: text("AA/26E"), invoiceNumber: text("0000123"), invoiceDate: text("2026-10-05"),
                               sellerName: text("CÔNG TY ĐIỆN LỰC"), sellerTaxCode: text("0100100079"), buyerName: text("Lan"),
                               buyerTaxCode: text("0312345678"), subtotal: number(1_000_000), vatRate: number(8),
                               vatAmount: number(80_000), totalAmount: number(1_080_000), currency: text("VND"),
                               amountInWords: text("Một triệu"), confidenceScore: number(0.93), needsReview: filled,
                               ocrConfidence: number(88.5), uploader: text("scanner-2"), userId: text("lan"), createdAt: time)
    }

    static func edit(filled: Bool) -> InvoiceEditResource {
        InvoiceEditResource(id: 3, field: filled ? "seller_name" : "buyer_name", oldValue: filled ? "CONG TY" : nil,
                            newValue: filled ? "CÔNG TY" : nil, editedBy: "lan", editedAt: time)
    }

    static func detail(filled: Bool) -> InvoiceDetail {
        InvoiceDetail(invoice: invoice(filled: filled), rawText: filled ? "HÓA ĐƠN" : "", checks: filled ? ["sum_matches": true] : nil,
                      job: filled ? job(filled: true) : nil, edits: filled ? [edit(filled: true), edit(filled: false)] : [],
                      fieldConfidence: filled ? ["seller_name": 1, "total_amount": 0.92] : [:])
    }

    /// Each schema of a JSON body, with its type filled and empty.
    static var bodies: [(schema: String, values: [any Encodable])] {
        let stats = DaemonStats(counts: [.queued: 2], invoices: 1, needsReview: 0, oldestQueuedAt: time, now: time,
                                jobsPerMinute5m: 0.2, jobsPerMinute60m: 0.1, workersBusy: 1, workers: 2)
        let idle = DaemonStats(counts: [:], invoices: 0, needsReview: 0, oldestQueuedAt: nil, now: time,
                               jobsPerMinute5m: 0, jobsPerMinute60m: 0, workersBusy: 0, workers: 1)
        let usage = TokenUsage(promptTokens: 10, completionTokens: 5, totalTokens: 15)
        return [
            ("Job", [job(filled: true), job(filled: false)]),
            ("Invoice", [invoice(filled: true), invoice(filled: false)]),
            ("InvoiceDetail", [detail(filled: true), detail(filled: false)]),
            ("SearchHit", [SearchHit(invoice: invoice(filled: true), snippet: "<mark>ĐIỆN</mark>"), SearchHit(invoice: invoice(filled: false), snippet: nil)]),
            ("JobPage", [ResourcePage(items: [job(filled: true)], nextCursor: "Yj="), ResourcePage<JobResource>(items: [], nextCursor: nil)]),
            ("InvoicePage", [ResourcePage(items: [invoice(filled: false)], nextCursor: "Yj="), ResourcePage<InvoiceResource>(items: [], nextCursor: nil)]),
            ("SearchPage", [ResourcePage(items: [SearchHit(invoice: invoice(filled: true), snippet: "x")], nextCursor: nil)]),
            ("Stats", [stats, idle]),
            ("Health", [HealthReport(problems: []), HealthReport(problems: ["the inbox is not watched"])]),
            ("UploadAccepted", [UploadAccepted(jobId: "7f3c", status: .queued), UploadAccepted(jobId: "7f3d", status: .duplicate, duplicateOf: "7f3c")]),
            ("InvoiceRemoved", [InvoiceRemoved(removed: 12, jobs: ["7f3c"], originalsKept: ["archive/2026/10/a.jpg"])]),
            ("ChatRequest", [ChatQuestion(message: "Tổng tháng 10?", userId: "lan", invoiceId: 12, stream: true), ChatQuestion(message: "Tổng?")]),
            ("ChatReply", [ChatReply(reply: "1.080.000 đ (#12)", model: "llama", invoiceIds: [12], usage: usage)]),
            ("ChatHistoryCleared", [ChatHistoryCleared(userId: "lan", deleted: 4)]),
            ("Error", [ErrorBody(error: "no invoice with id 99")]),
            ("InvoiceEdit", [edit(filled: true), edit(filled: false)]),
            ("JobHistory", [JobHistory(jobId: "7f3c", receivedAt: time, entries: [.init(status: .processing, attempts: 1, message: nil, at: time),
                                                                                 .init(status: .queued, attempts: 1, message: "page 1 took too long", at: time)]),
                            JobHistory(jobId: "7f3d", receivedAt: time, entries: [])]),
            ("InvoiceSums", [InvoiceSums(invoices: 3, currencies: [.init(currency: "VND", invoices: 2, invoicesWithTotal: 2, totalAmount: 2_160_000, vatAmount: 160_000),
                                                                   .init(currency: nil, invoices: 1, invoicesWithTotal: 0, totalAmount: 0, vatAmount: 0)]),
                             InvoiceSums(invoices: 0, currencies: [])]),
            ("InvoiceCorrection", [InvoiceCorrection(fields: ["seller_name": "CÔNG TY ĐIỆN LỰC", "total_amount": 1_080_000, "buyer_name": .null],
                                                     confirm: true, userId: "lan"),
                                   InvoiceCorrection(fields: ["vat_rate": "8"])]),
            ("CorrectionResult", [CorrectionResult(invoice: detail(filled: true), warnings: ["subtotal + VAT = 1080000, not the total 1000000"])]),
        ]
    }

    /// Schemas that are not a JSON body of their own: an enum, and Server-Sent Event frames
    /// (their `data` is text).
    static let notBodies: Set<String> = ["JobStatus", "JobEventMessage", "ChatEventMessage"]

    @Test func everyBodySchema_hasAWireType_andEveryWireTypeASchema() {
        let covered = Set(Self.bodies.map(\.schema))
        #expect(Set(Self.schemas.keys).subtracting(Self.notBodies) == covered)
        #expect((Self.schemas["JobStatus"] as? Object)?["enum"] as? [String] == JobStatus.allCases.map(\.rawValue))
    }

    @Test func everyWireType_encodesToWhatItsSchemaDescribes() throws {
        for (name, values) in Self.bodies {
            let schema = try #require(Self.schemas[name] as? Object, "no schema \(name)")
            for value in values {
                let json = try JSONSerialization.jsonObject(with: try WireJSON.encode(value))
                let problems = Self.mismatches(json, schema, at: name)
                #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
            }
        }
    }

    /// A value a schema does not describe is found: the check itself can fail.
    @Test func aKeyTheDocumentLacks_orAWrongType_isFound() throws {
        let schema = try #require(Self.schemas["Error"] as? Object)
        #expect(!Self.mismatches(["error": "x", "hint": "y"], schema, at: "Error").isEmpty)
        #expect(!Self.mismatches(["error": 3], schema, at: "Error").isEmpty)
        #expect(!Self.mismatches([String: Any](), schema, at: "Error").isEmpty)
        #expect(Self.mismatches(["error": "x"], schema, at: "Error").isEmpty)
    }

    // MARK: The part of JSON Schema the document uses

    static func resolved(_ schema: Object) -> Object {
        guard let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last else { return schema }
        return schemas[String(name)] as? Object ?? [:]
    }

    /// What is wrong with `value` against `schema` (`$ref`, `allOf`, `anyOf`, `type`, `enum`,
    /// `properties`, `required`, `items`); empty when it conforms. Objects may hold no key
    /// the schema does not name.
    static func mismatches(_ value: Any, _ schema: Object, at path: String) -> [String] {
        let schema = resolved(schema)
        if let parts = schema["allOf"] as? [Object] {
            return objectMismatches(value, parts.map(resolved), at: path)
        }
        if let choices = schema["anyOf"] as? [Object] {
            return choices.contains { mismatches(value, $0, at: path).isEmpty } ? [] : ["\(path): matches none of anyOf"]
        }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }), !types.contains(where: { typeMatches(value, $0) }) {
            return ["\(path): \(value) is not \(types.joined(separator: "|"))"]
        }
        if let choices = schema["enum"] as? [String], let text = value as? String, !choices.contains(text) {
            return ["\(path): \(text) is not one of \(choices)"]
        }
        if let items = schema["items"] as? Object, let array = value as? [Any] {
            return array.enumerated().flatMap { mismatches($0.element, items, at: "\(path)[\($0.offset)]") }
        }
        if schema["properties"] != nil, value is Object {
            return objectMismatches(value, [schema], at: path)
        }
        return []
    }

    /// An object against the union of `parts` (an `allOf`, or one object schema).
    static func objectMismatches(_ value: Any, _ parts: [Object], at path: String) -> [String] {
        guard let object = value as? Object else { return ["\(path): not an object"] }
        var properties: Object = [:]
        var required: Set<String> = []
        for part in parts {
            properties.merge(part["properties"] as? Object ?? [:]) { first, _ in first }
            required.formUnion(part["required"] as? [String] ?? [])
        }
        var problems = required.subtracting(object.keys).sorted().map { "\(path).\($0): required, missing" }
        for (key, member) in object {
            guard let property = properties[key] as? Object else {
                problems.append("\(path).\(key): not in the document")
                continue
            }
            problems += mismatches(member, property, at: "\(path).\(key)")
        }
        return problems
    }

    static func typeMatches(_ value: Any, _ type: String) -> Bool {
        let number = value as? NSNumber
        let isBool = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "boolean": return isBool
        case "integer": return !isBool && number.map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !isBool && number != nil
        case "array": return value is [Any]
        case "object": return value is Object
        default: return false
        }
    }
}
