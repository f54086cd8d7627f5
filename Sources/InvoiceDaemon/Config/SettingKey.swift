import Chat
import Foundation
import JobStore

/// Every configuration key the daemon reads, with its default, in one table: the loader,
/// the unknown-key check, `--help` and `config/invoiced.yaml` all follow it (a test holds the
/// file to it). Each key is also the environment variable `INVOICED_` + the key upper-cased
/// with `.` as `_`.
struct SettingKey: Sendable, Hashable {
    /// Dotted name as written in the YAML file, e.g. `inbox.settle_ms`.
    let name: String
    /// The default, written as `config/invoiced.yaml` writes it and parsed like a value a
    /// user gives, so a default cannot mean something a user's same text would not. Empty:
    /// unset, and `computedDefault` says what that means.
    let defaultValue: String
    /// How the value is worked out when it is unset and depends on the machine or on systemd
    /// (said in `--help`; `ConfigValues` computes it); nil when `defaultValue` is the value.
    let computedDefault: String?

    init(name: String, default defaultValue: String, computedDefault: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.computedDefault = computedDefault
    }

    /// The environment variable for this key.
    var environmentVariable: String {
        "INVOICED_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// The default as `--help` says it.
    var defaultDescription: String {
        computedDefault ?? defaultValue
    }

    static let inboxPath = SettingKey(name: "inbox.path", default: "inbox")
    static let inboxSettleMs = SettingKey(name: "inbox.settle_ms", default: "1000")
    static let inboxPollInterval = SettingKey(name: "inbox.poll_interval", default: "0")
    static let inboxRescanInterval = SettingKey(name: "inbox.rescan_interval", default: "300")
    static let dataDir = SettingKey(name: "data_dir", default: "data",
                                    computedDefault: "$STATE_DIRECTORY under systemd's StateDirectory=, else data")
    static let store = SettingKey(name: "store", default: "", computedDefault: "sqlite:<data_dir>/invoiced.sqlite")
    static let storePasswordFile = SettingKey(name: "store_password_file", default: "",
                                              computedDefault: "the systemd credential store-password, else PGPASSFILE")
    static let nodeName = SettingKey(name: "node_name", default: "", computedDefault: "the host's name")
    static let socket = SettingKey(name: "socket", default: "",
                                   computedDefault: "$RUNTIME_DIRECTORY/invoiced.sock under systemd's RuntimeDirectory=, else <data_dir>/invoiced.sock")
    static let socketMode = SettingKey(name: "socket_mode", default: "0660")
    static let socketGroup = SettingKey(name: "socket_group", default: "", computedDefault: "the daemon's own group")
    static let http = SettingKey(name: "http", default: "127.0.0.1:8000")
    static let httpAllowRemote = SettingKey(name: "http_allow_remote", default: "false")
    static let httpToken = SettingKey(name: "http_token", default: "", computedDefault: "none")
    static let uploadMaxMB = SettingKey(name: "upload_max_mb", default: "50")
    static let apiHTTPHosts = SettingKey(name: "api.http_hosts", default: "", computedDefault: "none")
    static let apiMaxEventStreams = SettingKey(name: "api.max_event_streams", default: "64")
    static let apiIdleTimeout = SettingKey(name: "api.idle_timeout", default: "30s")
    static let workers = SettingKey(name: "workers", default: "", computedDefault: "the number of cores")
    static let ocrLanguages = SettingKey(name: "ocr.languages", default: "vie+eng")
    static let ocrTessdata = SettingKey(name: "ocr.tessdata", default: "", computedDefault: "Tesseract's own")
    static let ocrMaxMegapixels = SettingKey(name: "ocr.max_megapixels", default: "60")
    static let ocrMaxPages = SettingKey(name: "ocr.max_pages", default: "20")
    static let ocrPageTimeout = SettingKey(name: "ocr.page_timeout", default: "60s")
    static let ocrWorkerNice = SettingKey(name: "ocr.worker_nice", default: "10")
    static let ocrVietnameseFirst = SettingKey(name: "ocr.vietnamese_first", default: "true")
    static let ocrPrepare = SettingKey(name: "ocr.prepare", default: "auto")
    static let ocrSecondReading = SettingKey(name: "ocr.second_reading", default: "true")
    // The threshold belongs to ReviewRule, which also judges rows stored under another one.
    static let extractionReviewBelow = SettingKey(name: "extraction.review_below", default: "\(ReviewRule.defaultThreshold)")
    static let jobsMaxAttempts = SettingKey(name: "jobs.max_attempts", default: "3")
    static let jobsRetryBackoff = SettingKey(name: "jobs.retry_backoff", default: "2s")
    static let jobsLease = SettingKey(name: "jobs.lease", default: "120s")
    static let duplicates = SettingKey(name: "duplicates", default: "skip")
    static let shutdownGrace = SettingKey(name: "shutdown.grace", default: "30s")
    static let logLevel = SettingKey(name: "log.level", default: "info")
    // Groq's address and model belong to ChatSettings, which tests and requiresKey use too.
    static let chatBaseURL = SettingKey(name: "chat.base_url", default: ChatSettings.groqBaseURL)
    static let chatModel = SettingKey(name: "chat.model", default: ChatSettings.defaultModel)
    static let chatAPIKeyFile = SettingKey(name: "chat.api_key_file", default: "",
                                           computedDefault: "the systemd credential groq-api-key, else GROQ_API_KEY")
    static let chatTimeout = SettingKey(name: "chat.timeout", default: "60s")
    static let chatHistoryTurns = SettingKey(name: "chat.history_turns", default: "10")
    static let chatMaxToolRounds = SettingKey(name: "chat.max_tool_rounds", default: "5")

    /// All keys, in the order `config/invoiced.yaml` documents them (a test holds it to that).
    static let all: [SettingKey] = [
        inboxPath, inboxSettleMs, inboxPollInterval, inboxRescanInterval, dataDir, store, storePasswordFile, nodeName, socket, socketMode, socketGroup, http,
        httpAllowRemote, httpToken, uploadMaxMB, apiHTTPHosts, apiMaxEventStreams, apiIdleTimeout,
        workers, ocrLanguages, ocrVietnameseFirst, ocrPrepare, ocrSecondReading, ocrTessdata, ocrMaxMegapixels, ocrMaxPages,
        ocrPageTimeout, ocrWorkerNice,
        extractionReviewBelow, jobsMaxAttempts, jobsRetryBackoff, jobsLease, duplicates, shutdownGrace, logLevel,
        chatBaseURL, chatModel, chatAPIKeyFile, chatTimeout, chatHistoryTurns, chatMaxToolRounds,
    ]
}
