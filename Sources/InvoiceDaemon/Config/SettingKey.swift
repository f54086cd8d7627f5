import Foundation

/// Every configuration key the daemon reads, in one table: the loader, the unknown-key check,
/// `--help` and `config/invoiced.yaml` all follow it. Each key is also the environment
/// variable `INVOICED_` + the key upper-cased with `.` as `_`.
struct SettingKey: Sendable, Hashable {
    /// Dotted name as written in the YAML file, e.g. `inbox.settle_ms`.
    let name: String

    /// The environment variable for this key.
    var environmentVariable: String {
        "INVOICED_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    static let inboxPath = SettingKey(name: "inbox.path")
    static let inboxSettleMs = SettingKey(name: "inbox.settle_ms")
    static let inboxPollInterval = SettingKey(name: "inbox.poll_interval")
    static let inboxRescanInterval = SettingKey(name: "inbox.rescan_interval")
    static let dataDir = SettingKey(name: "data_dir")
    static let socket = SettingKey(name: "socket")
    static let socketMode = SettingKey(name: "socket_mode")
    static let socketGroup = SettingKey(name: "socket_group")
    static let http = SettingKey(name: "http")
    static let httpAllowRemote = SettingKey(name: "http_allow_remote")
    static let httpToken = SettingKey(name: "http_token")
    static let uploadMaxMB = SettingKey(name: "upload_max_mb")
    static let apiHTTPHosts = SettingKey(name: "api.http_hosts")
    static let apiMaxEventStreams = SettingKey(name: "api.max_event_streams")
    static let apiIdleTimeout = SettingKey(name: "api.idle_timeout")
    static let workers = SettingKey(name: "workers")
    static let ocrLanguages = SettingKey(name: "ocr.languages")
    static let ocrTessdata = SettingKey(name: "ocr.tessdata")
    static let ocrMaxMegapixels = SettingKey(name: "ocr.max_megapixels")
    static let ocrMaxPages = SettingKey(name: "ocr.max_pages")
    static let ocrPageTimeout = SettingKey(name: "ocr.page_timeout")
    static let ocrWorkerNice = SettingKey(name: "ocr.worker_nice")
    static let ocrVietnameseFirst = SettingKey(name: "ocr.vietnamese_first")
    static let ocrPrepare = SettingKey(name: "ocr.prepare")
    static let ocrSecondReading = SettingKey(name: "ocr.second_reading")
    static let extractionReviewBelow = SettingKey(name: "extraction.review_below")
    static let jobsMaxAttempts = SettingKey(name: "jobs.max_attempts")
    static let jobsRetryBackoff = SettingKey(name: "jobs.retry_backoff")
    static let jobsLease = SettingKey(name: "jobs.lease")
    static let duplicates = SettingKey(name: "duplicates")
    static let shutdownGrace = SettingKey(name: "shutdown.grace")
    static let logLevel = SettingKey(name: "log.level")
    static let chatBaseURL = SettingKey(name: "chat.base_url")
    static let chatModel = SettingKey(name: "chat.model")
    static let chatAPIKeyFile = SettingKey(name: "chat.api_key_file")
    static let chatTimeout = SettingKey(name: "chat.timeout")
    static let chatHistoryTurns = SettingKey(name: "chat.history_turns")
    static let chatMaxToolRounds = SettingKey(name: "chat.max_tool_rounds")

    /// All keys, in the order `config/invoiced.yaml` documents them.
    static let all: [SettingKey] = [
        inboxPath, inboxSettleMs, inboxPollInterval, inboxRescanInterval, dataDir, socket, socketMode, socketGroup, http,
        httpAllowRemote, httpToken, uploadMaxMB, apiHTTPHosts, apiMaxEventStreams, apiIdleTimeout,
        workers, ocrLanguages, ocrTessdata, ocrMaxMegapixels, ocrMaxPages, ocrPageTimeout, ocrWorkerNice, ocrVietnameseFirst,
        ocrPrepare, ocrSecondReading,
        extractionReviewBelow, jobsMaxAttempts,
        jobsRetryBackoff, jobsLease, duplicates, shutdownGrace, logLevel,
        chatBaseURL, chatModel, chatAPIKeyFile, chatTimeout, chatHistoryTurns, chatMaxToolRounds,
    ]
}
