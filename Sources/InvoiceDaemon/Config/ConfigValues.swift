import API
import Chat
import Foundation
import Ingest
import JobStore
import LinuxSupport
import Logging
import OCR
import Pipeline

/// Builds the typed settings from what `SettingsReader` reads, with the defaults of the
/// `SettingKey` table (those that depend on the machine or systemd are computed here) and an
/// error naming the key for any value that does not parse.
struct ConfigValues {
    let settings: SettingsReader
    /// The process environment: systemd's folders and credentials, `GROQ_API_KEY`.
    let environment: [String: String]
    let workingDirectory: String
    let configFile: String?

    func config() throws -> DaemonConfig {
        // Under systemd, StateDirectory= and RuntimeDirectory= name the places for the data
        // and the socket; an explicit setting still wins.
        let dataDir = absolute(settings.text(.dataDir) ?? systemdDirectory("STATE_DIRECTORY") ?? SettingKey.dataDir.defaultValue,
                               in: workingDirectory)
        let pollInterval = try settings.seconds(.inboxPollInterval, allowZero: true)
        let inbox = InboxSettings(
            path: absolute(settings.textOrDefault(.inboxPath), in: workingDirectory),
            settle: Double(try settings.wholeNumber(.inboxSettleMs, in: 0...3_600_000)) / 1000,
            pollInterval: pollInterval > 0 ? pollInterval : nil,
            rescanInterval: try settings.seconds(.inboxRescanInterval, allowZero: true),
            skipDuplicates: try settings.choice(.duplicates, as: DuplicatePolicy.self) == .skip)
        let workers = settings.text(.workers) == nil ? ProcessInfo.processInfo.activeProcessorCount
            : try settings.wholeNumber(.workers, in: 1...256)
        let pipeline = PipelineSettings(
            workers: workers,
            languages: try languages(),
            tessdata: settings.text(.ocrTessdata).map { absolute($0, in: workingDirectory) },
            maxMegapixels: try settings.number(.ocrMaxMegapixels, in: 0.01...10_000),
            maxPages: try settings.wholeNumber(.ocrMaxPages, in: 1...10_000),
            pageTimeout: try settings.seconds(.ocrPageTimeout, allowZero: false),
            lease: try settings.seconds(.jobsLease, allowZero: false),
            shutdownGrace: try settings.seconds(.shutdownGrace, allowZero: true),
            retry: RetryPolicy(maxAttempts: try settings.wholeNumber(.jobsMaxAttempts, in: 1...100),
                               baseDelay: try settings.seconds(.jobsRetryBackoff, allowZero: true)),
            workerNice: Int32(try settings.wholeNumber(.ocrWorkerNice, in: 0...19)),
            vietnameseFirst: try settings.isTrue(.ocrVietnameseFirst))
        let defaultSocket = systemdDirectory("RUNTIME_DIRECTORY").map { "\(absolute($0, in: workingDirectory))/invoiced.sock" }
            ?? "\(dataDir)/invoiced.sock"
        let socket = settings.text(.socket).map { absolute($0, in: workingDirectory) } ?? defaultSocket
        // sockaddr_un.sun_path holds 108 bytes with its terminating NUL.
        if socket.utf8.count > 107 {
            throw ConfigError("socket path \(socket) is longer than the 107 bytes a Unix socket path can have; choose a shorter socket (flag --socket or INVOICED_SOCKET)")
        }
        var tuned = pipeline
        tuned.reviewBelow = try settings.number(
            .extractionReviewBelow, in: 0...1,
            expected: "a confidence score from 0 to 1, such as 0.8 (invoices scored under it are marked needs_review; 0 marks only those with a failed check)")
        tuned.preparation = try settings.choice(.ocrPrepare, as: PagePreparationMode.self)
        tuned.secondReading = try settings.isTrue(.ocrSecondReading)
        tuned.nodeName = LeaseHolder.run(ofNode: try nodeName())
        #if INVOICED_TEST_HOOKS
        // Test-only hooks, documented on the settings; debug builds only.
        if let hang = environment["INVOICED_TEST_HANG_WORKER"], hang == "1" { tuned.hangOnFirstJobForTesting = true }
        if let poison = environment["INVOICED_TEST_ABORT_ON"], !poison.isEmpty { tuned.crashOnFileForTesting = (poison, .abort) }
        if let poison = environment["INVOICED_TEST_OVERFLOW_ON"], !poison.isEmpty { tuned.crashOnFileForTesting = (poison, .stackOverflow) }
        #endif
        let (http, token) = try httpBinding()
        return DaemonConfig(
            inbox: inbox, dataDir: dataDir, store: try store(dataDir: dataDir), nodeName: try nodeName(), socketPath: socket,
            socketMode: try settings.value(.socketMode, as: FileMode.self, expected: "an octal file mode such as 0660").bits,
            socketGroup: settings.text(.socketGroup), http: http,
            httpToken: token, httpHosts: try httpHosts(),
            maxEventStreams: try settings.wholeNumber(.apiMaxEventStreams, in: 1...10_000),
            idleTimeout: try settings.seconds(.apiIdleTimeout, allowZero: false),
            uploadLimitBytes: try settings.wholeNumber(.uploadMaxMB, in: 1...4096) << 20,
            pipeline: tuned, chat: try chat(), logLevel: try settings.choice(.logLevel, as: Logger.Level.self),
            configFile: configFile)
    }

    /// `chat.*`. A missing or unreadable key is not an error here: the daemon runs, and
    /// `POST /chat` says what is wrong (503) while everything else keeps working.
    private func chat() throws -> ChatSettings {
        // Checked as text rather than converted to a URL: ChatSettings keeps the text, and
        // Foundation's URL takes much that is no API address (no scheme, a query).
        let baseURL = settings.textOrDefault(.chatBaseURL)
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty, url.query == nil else {
            throw ConfigError.badValue(.chatBaseURL, baseURL, expected: "an http(s) URL of an OpenAI-compatible API, e.g. \(ChatSettings.groqBaseURL)")
        }
        let keyFile = settings.text(.chatAPIKeyFile).map { absolute($0, in: workingDirectory) }
        return ChatSettings(
            baseURL: baseURL, model: settings.textOrDefault(.chatModel),
            credential: ChatCredential.resolve(keyFile: keyFile, environment: environment),
            timeout: try settings.seconds(.chatTimeout, allowZero: false),
            historyTurns: try settings.wholeNumber(.chatHistoryTurns, in: 0...100),
            maxToolRounds: try settings.wholeNumber(.chatMaxToolRounds, in: 1...20))
    }

    /// The first folder of a systemd `*_DIRECTORY` variable (several are joined with `:`).
    private func systemdDirectory(_ variable: String) -> String? {
        guard let value = environment[variable], let first = value.split(separator: ":").first, !first.isEmpty else { return nil }
        return String(first)
    }

    /// `ocr.languages`, checked as text (it is handed to Tesseract as text) so that a value
    /// cannot name a path outside tessdata.
    private func languages() throws -> String {
        let raw = settings.textOrDefault(.ocrLanguages)
        let parts = raw.split(separator: "+", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }) else {
            throw ConfigError.badValue(.ocrLanguages, raw, expected: "Tesseract language codes joined by '+', e.g. vie+eng")
        }
        return raw
    }

    /// The TCP binding and its token. Beyond loopback the API would be open to the network,
    /// so that takes `http_allow_remote: true` and a `http_token` of 16 characters or more. On
    /// loopback a token is optional, and required once set: behind a reverse proxy on this
    /// machine every request arrives from loopback, and the token is then all that keeps the
    /// proxy's visitors out.
    private func httpBinding() throws -> (DaemonConfig.HTTPBinding, String?) {
        let allowRemote = try settings.isTrue(.httpAllowRemote)
        let token = settings.text(.httpToken, isSecret: true)
        let binding = try http(allowRemote: allowRemote)
        guard case let .tcp(host, _) = binding else { return (binding, nil) }
        if LoopbackAddress.isLiteral(host), token == nil { return (binding, nil) }
        guard let token, token.count >= 16 else {
            let place = LoopbackAddress.isLiteral(host) ? "http_token is set" : "http binds \(host), beyond loopback"
            throw ConfigError("\(place): set http_token (INVOICED_HTTP_TOKEN) to a secret of at least 16 characters; clients send it as Authorization: Bearer <token>, browsers log in at /login")
        }
        return (binding, token)
    }

    /// `api.http_hosts`: names separated by commas or spaces, each a DNS name without a port.
    /// Split by hand rather than read with ConfigReader.stringArray: that splits the
    /// environment at commas only and wants a YAML list in the file, where the documented
    /// form is one string, the same in both.
    private func httpHosts() throws -> [String] {
        let raw = settings.textOrDefault(.apiHTTPHosts)
        let names = raw.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.lowercased() }
        for name in names {
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            guard name.count <= 253, labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }) else {
                throw ConfigError.badValue(.apiHTTPHosts, raw, expected: "host names separated by commas, without ports (e.g. invoices.lan, invoiced.internal)")
            }
        }
        return names
    }

    /// `http`: HOST:PORT or off, parsed by hand because whether a host is acceptable depends
    /// on `http_allow_remote`, and the error says which rule it broke.
    private func http(allowRemote: Bool) throws -> DaemonConfig.HTTPBinding {
        let raw = settings.textOrDefault(.http)
        if ["off", "none", "false", "no"].contains(raw.lowercased()) { return .off }
        guard let colon = raw.lastIndex(of: ":"), let port = Int(raw[raw.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigError.badValue(.http, raw, expected: "HOST:PORT (e.g. 127.0.0.1:8000) or off")
        }
        var host = String(raw[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        // Loopback is an IP literal: a name (even `localhost`, even `127.x.example`) is resolved
        // by DNS or /etc/hosts, which may point it at any address.
        guard allowRemote || LoopbackAddress.isLiteral(host) else {
            let why = LoopbackAddress.isIPLiteral(host) ? "\(host) is not a loopback address"
                : "\(host) is a host name, and loopback must be an IP address (a name can resolve anywhere)"
            throw ConfigError.badValue(.http, raw, expected: "a loopback IP address such as 127.0.0.1:8000 or [::1]:8000 (\(why)); to serve other machines set http_allow_remote: true and an http_token")
        }
        return .tcp(host: host, port: port)
    }
}
