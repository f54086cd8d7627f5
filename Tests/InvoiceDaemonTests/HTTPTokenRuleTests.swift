@testable import InvoiceDaemon
import Testing

/// When the TCP listener requires `http_token`: always beyond loopback, and on loopback once
/// it is set, since a reverse proxy on this machine hands the office's requests to the
/// daemon from loopback, and only the token tells them from the machine's own user.
@Suite struct HTTPTokenRuleTests {
    let loading: ConfigLoading

    init() throws {
        loading = try ConfigLoading()
    }

    @Test func onLoopback_aTokenIsOptional_andRequiredOnceSet() async throws {
        #expect(try await loading.load(env: ["INVOICED_HTTP": "127.0.0.1:8000"]).httpToken == nil)
        let set = try await loading.load(env: ["INVOICED_HTTP": "127.0.0.1:8000", "INVOICED_HTTP_TOKEN": "0123456789abcdef-proxy"])
        #expect(set.httpToken == "0123456789abcdef-proxy")
        // A short token is refused there too, rather than ignored and leaving the proxy open.
        let short = await loading.error(env: ["INVOICED_HTTP": "127.0.0.1:8000", "INVOICED_HTTP_TOKEN": "short"])
        #expect(short.contains("http_token is set") && short.contains("at least 16 characters"), "\(short)")
    }

    @Test func beyondLoopback_aTokenIsRequired() async throws {
        let missing = await loading.error(env: ["INVOICED_HTTP": "0.0.0.0:8000", "INVOICED_HTTP_ALLOW_REMOTE": "true"])
        #expect(missing.contains("beyond loopback") && missing.contains("/login"), "\(missing)")
        let remote = try await loading.load(env: ["INVOICED_HTTP": "0.0.0.0:8000", "INVOICED_HTTP_ALLOW_REMOTE": "true",
                                                  "INVOICED_HTTP_TOKEN": "0123456789abcdef-remote"])
        #expect(remote.httpToken == "0123456789abcdef-remote")
    }
}
