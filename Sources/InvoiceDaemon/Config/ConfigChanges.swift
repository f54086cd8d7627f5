import Ingest
import JobStore
import Pipeline

/// Which settings differ between two configurations, by key name: what a reload (SIGHUP)
/// can apply, and what needs a restart.
extension DaemonConfig {
    /// Keys a running daemon applies on SIGHUP; every other change waits for a restart.
    static let reloadableKeys: Set<String> = [SettingKey.logLevel.name, SettingKey.inboxSettleMs.name]

    /// The names of the keys whose values differ from `other`'s, in `SettingKey.all` order.
    func changedKeys(from other: DaemonConfig) -> [String] {
        let a = self, b = other
        let differs: [SettingKey: Bool] = [
            .inboxPath: a.inbox.path != b.inbox.path,
            .inboxSettleMs: a.inbox.settle != b.inbox.settle,
            .inboxPollInterval: a.inbox.pollInterval != b.inbox.pollInterval,
            .inboxRescanInterval: a.inbox.rescanInterval != b.inbox.rescanInterval,
            .duplicates: a.inbox.skipDuplicates != b.inbox.skipDuplicates,
            .dataDir: a.dataDir != b.dataDir,
            .store: a.store != b.store,
            .nodeName: a.nodeName != b.nodeName,
            .socket: a.socketPath != b.socketPath,
            .socketMode: a.socketMode != b.socketMode,
            .socketGroup: a.socketGroup != b.socketGroup,
            .http: a.http != b.http,
            // http_allow_remote shows as a change of the binding itself.
            .httpToken: a.httpToken != b.httpToken,
            .uploadMaxMB: a.uploadLimitBytes != b.uploadLimitBytes,
            .apiHTTPHosts: a.httpHosts != b.httpHosts,
            .apiMaxEventStreams: a.maxEventStreams != b.maxEventStreams,
            .apiIdleTimeout: a.idleTimeout != b.idleTimeout,
            .workers: a.pipeline.workers != b.pipeline.workers,
            .ocrLanguages: a.pipeline.languages != b.pipeline.languages,
            .ocrTessdata: a.pipeline.tessdata != b.pipeline.tessdata,
            .ocrMaxMegapixels: a.pipeline.maxMegapixels != b.pipeline.maxMegapixels,
            .ocrMaxPages: a.pipeline.maxPages != b.pipeline.maxPages,
            .ocrPageTimeout: a.pipeline.pageTimeout != b.pipeline.pageTimeout,
            .extractionReviewBelow: a.pipeline.reviewBelow != b.pipeline.reviewBelow,
            .jobsMaxAttempts: a.pipeline.retry.maxAttempts != b.pipeline.retry.maxAttempts,
            .jobsRetryBackoff: a.pipeline.retry.baseDelay != b.pipeline.retry.baseDelay,
            .jobsLease: a.pipeline.lease != b.pipeline.lease,
            .shutdownGrace: a.pipeline.shutdownGrace != b.pipeline.shutdownGrace,
            .logLevel: a.logLevel != b.logLevel,
        ]
        return SettingKey.all.filter { differs[$0] == true }.map(\.name)
    }
}
