import Foundation
import Glibc
import NIOHTTP1
import LocalPostgres
import TestSupport
import Testing

/// Debian's nginx (scripts/install-deps.sh installs it).
enum Nginx {
    static let binary = findExecutable(["/usr/sbin/nginx", "/usr/bin/nginx"])
    static let example = "\(Fixtures.repositoryRoot)/deploy/nginx/invoiced.conf"
}

/// A private nginx's prefix: its configuration (`site`, a server block file, inside its own
/// `http {}`), logs and temp folders in a temp folder. Nothing of the system's nginx is used.
struct NginxPrefix {
    let dir: TemporaryDirectory

    init(site: String) throws {
        dir = try TemporaryDirectory(prefix: "invoiced-nginx")
        // Run as root, nginx's workers are `nobody`: they must reach the temp folders below.
        chmod(dir.path, 0o755)
        try site.write(toFile: dir.appending("site.conf"), atomically: true, encoding: .utf8)
        let main = """
        daemon off;
        worker_processes 1;
        pid \(dir.appending("nginx.pid"));
        error_log \(dir.appending("error.log")) info;
        events { worker_connections 64; }
        http {
            access_log \(dir.appending("access.log"));
            client_body_temp_path \(dir.appending("client_body"));
            proxy_temp_path \(dir.appending("proxy"));
            fastcgi_temp_path \(dir.appending("fastcgi"));
            uwsgi_temp_path \(dir.appending("uwsgi"));
            scgi_temp_path \(dir.appending("scgi"));
            include \(dir.appending("site.conf"));
        }

        """
        try main.write(toFile: dir.appending("nginx.conf"), atomically: true, encoding: .utf8)
    }

    /// nginx's arguments for this prefix; -e puts the error log here from the first line on,
    /// not in the system's /var/log/nginx/error.log.
    var arguments: [String] {
        ["-p", dir.path + "/", "-c", dir.appending("nginx.conf"), "-e", dir.appending("error.log")]
    }
}

/// nginx running in the foreground on a `NginxPrefix`, stopped when the value goes away.
final class NginxProcess {
    let prefix: NginxPrefix
    let process = Process()

    init(site: String) throws {
        prefix = try NginxPrefix(site: site)
        process.executableURL = URL(fileURLWithPath: Nginx.binary!)
        process.arguments = prefix.arguments
        let log = prefix.dir.appending("stderr.log")
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
    }

    /// What nginx said on its error log and stderr.
    var log: String {
        ["error.log", "stderr.log"].map { (try? String(contentsOfFile: prefix.dir.appending($0), encoding: .utf8)) ?? "" }.joined()
    }

    deinit {
        if process.isRunning {
            // TERM: nginx's fast shutdown, its workers with it.
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// deploy/nginx/invoiced.conf in front of the real daemon: the example the README points to
/// works as written, apart from what a test cannot have (a certificate, ports 80 and 443).
@Suite(.serialized, .enabled(if: Nginx.binary != nil, "nginx is not installed (Debian package nginx; scripts/install-deps.sh installs it)"))
struct ReverseProxyEndToEndTests {
    static let token = "proxy-token-0123456789abcdef"
    static let name = "invoices.example.com"

    /// A TCP port free on 127.0.0.1 now (nginx cannot be told to pick one and say which).
    static func freePort() throws -> Int { try freeLoopbackPort() }

    /// The example with its TLS lines swapped for plain loopback ports and the daemon's port;
    /// each swap must apply exactly as often as expected, so that an edit of the example that
    /// the test would no longer follow fails here rather than testing something else.
    static func site(daemonPort: Int, proxyPort: Int, redirectPort: Int) throws -> String {
        var text = try String(contentsOfFile: Nginx.example, encoding: .utf8)
        func swap(_ pattern: String, _ replacement: String, count: Int) throws {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let matching = lines.filter { $0.range(of: pattern, options: .regularExpression) != nil }
            guard matching.count == count else { throw TestFailure("\(pattern) matches \(matching.count) lines of the example, not \(count)") }
            text = lines.compactMap { line in
                guard line.range(of: pattern, options: .regularExpression) != nil else { return line }
                return replacement.isEmpty ? nil : line.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }.joined(separator: "\n")
        }
        try swap(#"listen 443 ssl;"#, "listen 127.0.0.1:\(proxyPort);", count: 1)
        try swap(#"listen \[::\]:443 ssl;"#, "", count: 1)
        try swap(#"^\s*ssl_\w+ .*;$"#, "", count: 4)
        try swap(#"listen 80;"#, "listen 127.0.0.1:\(redirectPort);", count: 1)
        try swap(#"listen \[::\]:80;"#, "", count: 1)
        try swap(#"proxy_pass http://127\.0\.0\.1:8000;"#, "proxy_pass http://127.0.0.1:\(daemonPort);", count: 3)
        return text
    }

    @Test func theExample_servesTheWorkspaceAndItsLiveEvents_andKeepsTheDaemonsGuards() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1", "--http", "127.0.0.1:0"], environment: [
            "INVOICED_HTTP_TOKEN": Self.token, "INVOICED_API_HTTP_HOSTS": Self.name,
        ], httpOff: false)
        try await daemon.waitUntilReady()
        let daemonPort = try await daemon.waitForTCPPort()
        let proxyPort = try Self.freePort(), redirectPort = try Self.freePort()
        let nginx = try NginxProcess(site: try Self.site(daemonPort: daemonPort, proxyPort: proxyPort, redirectPort: redirectPort))

        try await TCPClient.with(port: proxyPort, host: "\(Self.name):\(proxyPort)") { browser in
            let up = try await waitUntil(timeout: 30) { (try? await browser.send(.GET, "/healthz"))?.status == .ok }
            #expect(up, "nginx log:\n\(nginx.log)")
            let origin = ("Origin", "http://\(Self.name):\(proxyPort)")

            // The daemon sees the browser's name (api.http_hosts) and asks for the token.
            let page = try await browser.send(.GET, "/", headers: [("Accept", "text/html")])
            #expect(page.status == .seeOther && page.headers["Location"] == ["/login"], "\(page.status) \(page.body)")
            let formType = ("Content-Type", "application/x-www-form-urlencoded")
            let login = try await browser.send(.POST, "/login", headers: [formType, origin], body: "token=\(Self.token)")
            #expect(login.status == .seeOther, "\(login.body)")
            let setCookie = try #require(login.setCookie("invoiced_session"), "\(login.headers)")
            // Plain HTTP to nginx here ($scheme http): no Secure; with the TLS lines it is https.
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && !setCookie.contains("Secure"), "\(setCookie)")
            let cookie = ("Cookie", String(setCookie.split(separator: ";")[0]))

            let workspace = try await browser.send(.GET, "/", headers: [("Accept", "text/html"), cookie])
            #expect(workspace.status == .ok && workspace.body.lowercased().contains("<html"))
            #expect(workspace.headers["Content-Security-Policy"].first?.contains("frame-ancestors 'none'") == true)
            let stats = try await browser.send(.GET, "/api/stats", headers: [cookie])
            #expect(stats.status == .ok && stats.headers["Content-Type"].first?.hasPrefix("application/json") == true, "\(stats.body)")

            // An event reaches the browser through nginx as the daemon writes it: a file dropped
            // into the inbox is queued within the settle time (300 ms), and its event must not
            // wait for a buffer to fill (proxy_buffering off).
            var dropped = ContinuousClock.now
            let events = try await browser.stream("/api/events", headers: [cookie, ("Accept", "text/event-stream")],
                                                   until: "event: job.queued", timeout: 15) {
                dropped = .now
                try FileManager.default.copyItem(atPath: Fixtures.invoice("english-01"), toPath: "\(daemon.inbox)/through-proxy.png")
            }
            #expect(events.status == .ok)
            #expect(events.found, "no job.queued through the proxy in 15 s; got \(events.text.debugDescription)")
            #expect(ContinuousClock.now - dropped < .seconds(5), "the event came late: buffered on the way?")

            // The daemon's guards hold behind the proxy: another site's change, another name.
            let crossSite = try await browser.send(.DELETE, "/chat/history?user_id=x", headers: [cookie, ("Origin", "http://attacker.example")])
            #expect(crossSite.status == .forbidden, "\(crossSite.body)")
            let crossSiteLogin = try await browser.send(.POST, "/login", headers: [formType, ("Sec-Fetch-Site", "cross-site")], body: "token=\(Self.token)")
            #expect(crossSiteLogin.status == .forbidden)
            let rebinding = try await browser.send(.GET, "/api/stats", headers: [("Host", "attacker.example:\(proxyPort)"), cookie])
            #expect(rebinding.status == .misdirectedRequest)
        }
        // Plain HTTP is only sent on to HTTPS.
        try await TCPClient.with(port: redirectPort, host: Self.name) { plain in
            let redirect = try await plain.send(.GET, "/api/stats")
            #expect(redirect.status == .movedPermanently && redirect.headers["Location"] == ["https://\(Self.name)/api/stats"])
        }
        #expect(await daemon.stop() == 0)
    }

    /// The live streams' locations pass answers on unbuffered. (The test above cannot tell:
    /// Debian's nginx 1.22 forwarded a lone event promptly even with buffering on, tried; what
    /// buffering holds back depends on sizes and versions, so the example must say it.)
    @Test func theExample_streamsEventsAndChatUnbuffered() throws {
        let text = try String(contentsOfFile: Nginx.example, encoding: .utf8)
        for location in ["location = /api/events {", "location = /chat {"] {
            let block = try #require(text.range(of: location).map { text[$0.upperBound...].prefix { $0 != "}" } }, "no \(location)")
            #expect(block.contains("proxy_buffering off;"), "\(location) \(block)")
            #expect(block.contains("proxy_read_timeout"), "an idle stream outlives nginx's 60 s default: \(block)")
        }
    }

    /// The example as written, TLS lines and all, passes `nginx -t` with a certificate made
    /// for the test in place of the real one.
    @Test(.enabled(if: findExecutable(["/usr/bin/openssl"]) != nil, "openssl is not installed"))
    func theExample_withItsTLSLines_passesNginxsOwnCheck() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-nginx-tls")
        let certificate = dir.appending("fullchain.pem"), key = dir.appending("privkey.pem")
        let made = try await runCommand("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                                              "-subj", "/CN=\(Self.name)", "-keyout", key, "-out", certificate])
        #expect(made.status == 0, "\(made.stderr)")
        let site = try String(contentsOfFile: Nginx.example, encoding: .utf8)
            .replacingOccurrences(of: "/etc/letsencrypt/live/\(Self.name)/fullchain.pem", with: certificate)
            .replacingOccurrences(of: "/etc/letsencrypt/live/\(Self.name)/privkey.pem", with: key)
        #expect(!site.contains("/etc/letsencrypt"))
        // -t reads and checks everything (certificate and key included) and binds nothing.
        let prefix = try NginxPrefix(site: site)
        let check = try await runCommand(Nginx.binary!, ["-t"] + prefix.arguments)
        withExtendedLifetime(prefix) {}
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect((check.stdout + check.stderr).contains("test is successful"))
    }
}
