import Hummingbird

/// `/openapi.json`: the OpenAPI 3.1 document of every route (docs/openapi.json, compiled in
/// so that an installed binary, which has no data files beside it, serves it too).
struct OpenAPIController<Context: RequestContext> {
    func addRoutes(to router: Router<Context>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}
