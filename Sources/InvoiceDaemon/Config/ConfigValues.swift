import API
import Chat
import Foundation
import Ingest
import JobStore
import LinuxSupport
import Logging
import OCR
import Pipeline

/// Turns the raw strings of each key into typed settings, with defaults that run from a
/// checkout and an error naming the key for any value that does not parse.
struct ConfigValues {
    let read: (SettingKey) -> String?
    /// The process environment: systemd's folders and credentials, `GROQ_API_KEY`.
    let environment: [String: String]
    let workingDirectory: String
    let configFile: String?

    func config() throws -> DaemonConfig {
        // Under systemd, StateDirectory= and RuntimeDirectory= name the places for the data
        // and the socket; an explicit setting still wins.
        let dataDir = absolute(string(.dataDir, default: systemdDirectory("STATE_DIRECTORY") ?? "data"), in: workingDirectory)
        let inboxPath = absolute(string(.inboxPath, default: "inbox"), in: workingDirectory)
        let pollInterval = try seconds(.inboxPollInterval, default: 0, allowZero: true)
        let inbox = InboxSettings(
            path: inboxPath,
            settle: Double(try integer(.inboxSettleMs, default: 1000, range: 0...3_600_000)) / 1000,
            pollInterval: pollInterval > 0 ? pollInterval : nil,
            rescanInterval: try seconds(.inboxRescanInterval, default: 300, allowZero: true),
            skipDuplicates: try choice(.duplicates, default: "skip", among: ["skip", "reprocess"]) == "skip")
        let workers = try integer(.workers, default: ProcessInfo.processInfo.activeProcessorCount, range: 1...256)
        let pipeline = PipelineSettings(
            workers: workers,
            languages: try languages(),
            tessdata: read(.ocrTessdata).flatMap { $0.isEmpty ? nil : absolute($0, in: workingDirectory) },
            maxMegapixels: try number(.ocrMaxMegapixels, default: 60, range: 0.01...10_000),
            maxPages: try integer(.ocrMaxPages, default: 20, range: 1...10_000),
            pageTimeout: try seconds(.ocrPageTimeout, default: 60, allowZero: false),
            lease: try seconds(.jobsLease, default: 120, allowZero: false),
            shutdownGrace: try seconds(.shutdownGrace, default: 30, allowZero: true),
            retry: RetryPolicy(maxAttempts: try integer(.jobsMaxAttempts, default: 3, range: 1...100),
                               baseDelay: try seconds(.jobsRetryBackoff, default: 2, allowZero: true)),
            workerNice: Int32(try integer(.ocrWorkerNice, default: 10, range: 0...19)),
            vietnameseFirst: try choice(.ocrVietnameseFirst, default: "true", among: ["true", "false"]) == "true")
        let defaultSocket = systemdDirectory("RUNTIME_DIRECTORY").map { "\(absolute($0, in: workingDirectory))/invoiced.sock" }
            ?? "\(dataDir)/invoiced.sock"
        let socket = read(.socket).flatMap { $0.isEmpty ? nil : absolute($0, in: workingDirectory) } ?? defaultSocket
        // sockaddr_un.sun_path holds 108 bytes with its terminating NUL.
        if socket.utf8.count > 107 {
            throw ConfigError("socket path \(socket) is longer than the 107 bytes a Unix socket path can have; choose a shorter socket (flag --socket or INVOICED_SOCKET)")
        }
        var settings = pipeline
        settings.reviewBelow = try reviewBelow()
        settings.preparation = PagePreparationMode(rawValue: try choice(.ocrPrepare, default: "auto",
                                                                        among: PagePreparationMode.allCases.map(\.rawValue)))!
        settings.secondReading = try choice(.ocrSecondReading, default: "true", among: ["true", "false"]) == "true"
        #if INVOICED_TEST_HOOKS
        // Test-only hooks, documented on the settings; debug builds only.
        if let hang = environment["INVOICED_TEST_HANG_WORKER"], hang == "1" { settings.hangOnFirstJobForTesting = true }
        if let poison = environment["INVOICED_TEST_ABORT_ON"], !poison.isEmpty { settings.crashOnFileForTesting = (poison, .abort) }
        if let poison = environment["INVOICED_TEST_OVERFLOW_ON"], !poison.isEmpty { settings.crashOnFileForTesting = (poison, .stackOverflow) }
        #endif
        let (http, token) = try httpBinding()
        return DaemonConfig(
            inbox: inbox, dataDir: dataDir, socketPath: socket, socketMode: try socketMode(),
            socketGroup: read(.socketGroup).flatMap { $0.isEmpty ? nil : $0 }, http: http,
            httpToken: token, httpHosts: try httpHosts(),
            maxEventStreams: try integer(.apiMaxEventStreams, default: 64, range: 1...10_000),
            idleTimeout: try seconds(.apiIdleTimeout, default: 30, allowZero: false), uploadLimitBytes: try integer(.uploadMaxMB, default: 50, range: 1...4096) << 20,
            pipeline: settings, chat: try chat(), logLevel: try logLevel(), configFile: configFile)
    }

    /// `chat.*`. A missing or unreadable key is not an error here: the daemon runs, and
    /// `POST /chat` says what is wrong (503) while everything else keeps working.
    private func chat() throws -> ChatSettings {
        let baseURL = string(.chatBaseURL, default: ChatSettings.groqBaseURL)
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty, url.query == nil else {
            throw ConfigError.badValue(.chatBaseURL, baseURL, expected: "an http(s) URL of an OpenAI-compatible API, e.g. \(ChatSettings.groqBaseURL)")
        }
        let model = string(.chatModel, default: ChatSettings.defaultModel)
        let keyFile = read(.chatAPIKeyFile).flatMap { $0.isEmpty ? nil : absolute($0, in: workingDirectory) }
        return ChatSettings(
            baseURL: baseURL, model: model,
            credential: ChatCredential.resolve(keyFile: keyFile, environment: environment),
            timeout: try seconds(.chatTimeout, default: 60, allowZero: false),
            historyTurns: try integer(.chatHistoryTurns, default: 10, range: 0...100),
            maxToolRounds: try integer(.chatMaxToolRounds, default: 5, range: 1...20))
    }

    /// The first folder of a systemd `*_DIRECTORY` variable (several are joined with `:`).
    private func systemdDirectory(_ variable: String) -> String? {
        guard let value = environment[variable], let first = value.split(separator: ":").first, !first.isEmpty else { return nil }
        return String(first)
    }

    private func string(_ key: SettingKey, default fallback: String) -> String {
        guard let value = read(key), !value.isEmpty else { return fallback }
        return value
    }

    private func integer(_ key: SettingKey, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = read(key), !raw.isEmpty else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigError.badValue(key, raw, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func number(_ key: SettingKey, default fallback: Double, range: ClosedRange<Double>) throws -> Double {
        guard let raw = read(key), !raw.isEmpty else { return fallback }
        guard let value = Double(raw), value.isFinite, range.contains(value) else {
            throw ConfigError.badValue(key, raw, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Seconds as a number, or with a unit: `500ms`, `2s`, `5m`, `1h`.
    private func seconds(_ key: SettingKey, default fallback: Double, allowZero: Bool) throws -> Double {
        guard let raw = read(key)?.lowercased(), !raw.isEmpty else { return fallback }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var value: Double?
        if let number = Double(raw) {
            value = number
        } else if let (suffix, factor) = units.first(where: { raw.hasSuffix($0.0) }),
                  let number = Double(raw.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)) {
            value = number * factor
        }
        guard let value, value.isFinite, value >= 0, allowZero || value > 0, value <= 86_400 * 7 else {
            throw ConfigError.badValue(key, raw, expected: "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h)\(allowZero ? "" : " greater than 0")")
        }
        return value
    }

    private func choice(_ key: SettingKey, default fallback: String, among choices: [String]) throws -> String {
        guard let raw = read(key)?.lowercased(), !raw.isEmpty else { return fallback }
        guard choices.contains(raw) else {
            throw ConfigError.badValue(key, raw, expected: "one of \(choices.joined(separator: ", "))")
        }
        return raw
    }

    /// `extraction.review_below`: a confidence score, on the same 0…1 scale as
    /// `confidence_score` (0.8, not 80).
    private func reviewBelow() throws -> Double {
        guard let raw = read(.extractionReviewBelow), !raw.isEmpty else { return ReviewRule.defaultThreshold }
        guard let value = Double(raw), value.isFinite, (0...1).contains(value) else {
            throw ConfigError.badValue(.extractionReviewBelow, raw, expected: "a confidence score from 0 to 1, such as 0.8 (invoices scored under it are marked needs_review; 0 marks only those with a failed check)")
        }
        return value
    }

    private func languages() throws -> String {
        let raw = string(.ocrLanguages, default: "vie+eng")
        let parts = raw.split(separator: "+", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }) else {
            throw ConfigError.badValue(.ocrLanguages, raw, expected: "Tesseract language codes joined by '+', e.g. vie+eng")
        }
        return raw
    }

    private func socketMode() throws -> UInt32 {
        let raw = string(.socketMode, default: "0660")
        guard let mode = UInt32(raw, radix: 8), mode <= 0o777 else {
            throw ConfigError.badValue(.socketMode, raw, expected: "an octal file mode such as 0660")
        }
        return mode
    }

    /// The TCP binding and its token. Beyond loopback the API would be open to the network,
    /// so that takes `http_allow_remote: true` and a `http_token` of 16 characters or more.
    private func httpBinding() throws -> (DaemonConfig.HTTPBinding, String?) {
        let allowRemote = try choice(.httpAllowRemote, default: "false", among: ["true", "false"]) == "true"
        let token = read(.httpToken).flatMap { $0.isEmpty ? nil : $0 }
        let binding = try http(allowRemote: allowRemote)
        guard case let .tcp(host, _) = binding, !LoopbackAddress.isLiteral(host) else { return (binding, nil) }
        guard let token, token.count >= 16 else {
            throw ConfigError("http binds \(host), beyond loopback: set http_token (INVOICED_HTTP_TOKEN) to a secret of at least 16 characters; clients send it as Authorization: Bearer <token>")
        }
        return (binding, token)
    }

    /// `api.http_hosts`: names separated by commas or spaces, each a DNS name without a port.
    private func httpHosts() throws -> [String] {
        let raw = string(.apiHTTPHosts, default: "")
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

    private func http(allowRemote: Bool) throws -> DaemonConfig.HTTPBinding {
        let raw = string(.http, default: "127.0.0.1:8000")
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

    private func logLevel() throws -> Logger.Level {
        let raw = string(.logLevel, default: "info").lowercased()
        guard let level = Logger.Level(rawValue: raw) else {
            throw ConfigError.badValue(.logLevel, raw, expected: "one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }
}
