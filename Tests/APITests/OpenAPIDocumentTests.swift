@testable import API
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// docs/openapi.json describes the API a client meets: every route the router has and no
/// other, the same text the binary serves at `/openapi.json`. A route added without its
/// description, or a description edited without `scripts/embed-openapi.sh`, fails here.
@Suite struct OpenAPIDocumentTests {
    static var documentPath: String { "\(Fixtures.repositoryRoot)/docs/openapi.json" }

    /// The document's operations as "METHOD /path" (`{name}` for a path parameter).
    static func documentedOperations(_ document: [String: Any]) throws -> Set<String> {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var operations: Set<String> = []
        for (path, item) in paths {
            for key in item.keys where methods.contains(key) { operations.insert("\(key.uppercased()) \(path)") }
        }
        return operations
    }

    static func document(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyRouteOfTheRouter_isDocumented_andNothingElse() throws {
        let f = try APIFixture()
        // As the TCP listener builds it (with its guard and a token): middlewares add no routes.
        var context = f.context
        context.hostPolicy = HostPolicy()
        context.token = "secret"
        let routes = Set(APIRouter.build(context).routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = try Self.documentedOperations(try Self.document(try Data(contentsOf: URL(fileURLWithPath: Self.documentPath))))
        #expect(routes.subtracting(documented).sorted() == [], "routes that docs/openapi.json does not describe")
        #expect(documented.subtracting(routes).sorted() == [], "operations in docs/openapi.json that the router does not have")
        #expect(routes.count >= 17)
    }

    @Test func compiledDocument_isDocsOpenAPIJSON_byteForByte() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.documentPath))
        #expect(Data(OpenAPIDocument.json.utf8) == file, "docs/openapi.json changed: run scripts/embed-openapi.sh")
    }

    @Test func getOpenAPIJSON_answersTheDocument_asJSON() async throws {
        let f = try APIFixture()
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.documentPath))
        try await f.app.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = Data(response.body.readableBytesView)
            #expect(body == file)
            let document = try Self.document(body)
            #expect(document["openapi"] as? String == "3.1.0")
            // What it serves describes this router, /openapi.json itself included.
            let routes = Set(APIRouter.build(f.context).routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(try Self.documentedOperations(document) == routes)
            #expect(routes.contains("GET /openapi.json"))
        }
    }
}
