import APIWire
import Chat
import Foundation
@testable import InvoiceDaemon
import JobStore
import LinuxSupport
import Logging
import Pipeline
import Synchronization
import TestSupport
import Testing

@Suite struct JournalLogHandlerTests {
    @Test func priorities_followSyslogSeverities() {
        #expect(JournalLogHandler.priority(.critical) == 2)
        #expect(JournalLogHandler.priority(.error) == 3)
        #expect(JournalLogHandler.priority(.warning) == 4)
        #expect(JournalLogHandler.priority(.notice) == 5)
        #expect(JournalLogHandler.priority(.info) == 6)
        #expect(JournalLogHandler.priority(.debug) == 7)
        #expect(JournalLogHandler.priority(.trace) == 7)
    }

    @Test func format_prefixesEveryLine_sortsMetadata_noTimestamp() {
        let line = JournalLogHandler.format(level: .warning, message: "job will be retried", metadata: ["job": "42", "attempt": "2"])
        #expect(line == "<4>job will be retried attempt=2 job=42\n")
        let multi = JournalLogHandler.format(level: .error, message: "first\nsecond", metadata: [:])
        #expect(multi == "<3>first\n<3>second\n")
    }
}

@Suite struct LogLevelSwitchTests {
    @Test func oneSwitch_changesEveryLoggerCopy() {
        let levelSwitch = LogLevelSwitch(.warning)
        let handler = LevelSwitchedLogHandler(JournalLogHandler(), levelSwitch: levelSwitch)
        let first = Logger(label: "a") { _ in handler }
        let copy = first
        #expect(first.logLevel == .warning)
        levelSwitch.set(.debug)
        #expect(first.logLevel == .debug)
        #expect(copy.logLevel == .debug)
    }
}

@Suite struct StatusLineTests {
    @Test func counts_thenProblems() {
        let counts: [JobStatus: Int] = [.queued: 3, .processing: 2, .done: 1204, .failed: 0, .duplicate: 5]
        #expect(StatusLine.text(counts: counts, problems: []) == "3 queued, 2 processing, 1204 done")
        var failing = counts
        failing[.failed] = 1
        #expect(StatusLine.text(counts: failing, problems: ["invoiced-worker-0 stuck for 12 s"])
            == "3 queued, 2 processing, 1204 done, 1 failed; invoiced-worker-0 stuck for 12 s")
    }
}

@Suite struct LivenessTests {
    @Test func staleOrStoppedThreads_andOtherProblems_areReported() {
        let alive = Heartbeat(name: "alive")
        let stopped = Heartbeat(name: "gone")
        stopped.stop()
        #expect(Liveness(heartbeats: [alive], otherProblems: { [] }).problems().isEmpty)
        let problems = Liveness(heartbeats: [alive, stopped], otherProblems: { ["inbox not watched"] }).problems()
        #expect(problems == ["inbox not watched", "gone stopped"])
        // A threshold of zero makes any beat older than now stale.
        let strict = Liveness(heartbeats: [alive], staleAfter: -1, otherProblems: { [] })
        #expect(strict.problems().first?.hasPrefix("alive stuck for") == true)
    }
}

@Suite struct ReadinessTests {
    @Test func waits_untilEveryConditionHolds() async throws {
        let flag = Atomic<Bool>(false)
        let readiness = Readiness([.init(part: "socket") { flag.load(ordering: .relaxed) }])
        #expect(readiness.pending == ["socket"])
        async let waited: Void = readiness.wait()
        flag.store(true, ordering: .relaxed)
        try await waited
        #expect(readiness.pending.isEmpty)
    }

    @Test func failure_endsTheWait_withTheMessage() async {
        let readiness = Readiness([.init(part: "socket") { false }])
        readiness.fail("cannot chown")
        await #expect(throws: ConfigError.self) { try await readiness.wait() }
    }
}

@Suite struct ConfigUnderSystemdTests {
    let loading: ConfigLoading
    var dir: TemporaryDirectory { loading.dir }

    init() throws {
        loading = try ConfigLoading()
    }

    func load(env: [String: String] = [:], flags: [SettingKey: String] = [:], file: String? = nil) async throws -> DaemonConfig {
        try await loading.load(flags: flags, env: env, file: file)
    }

    @Test func stateAndRuntimeDirectories_areTheDefaults_explicitSettingsWin() async throws {
        let env = ["STATE_DIRECTORY": "/var/lib/invoiced", "RUNTIME_DIRECTORY": "/run/invoiced:/run/other"]
        let config = try await load(env: env)
        #expect(config.dataDir == "/var/lib/invoiced")
        #expect(config.socketPath == "/run/invoiced/invoiced.sock")
        let explicit = try await load(env: env, file: "data_dir: /srv/data\nsocket: /srv/api.sock\n")
        #expect(explicit.dataDir == "/srv/data")
        #expect(explicit.socketPath == "/srv/api.sock")
    }

    @Test func socketGroup_isRead_emptyIsNone() async throws {
        #expect(try await load(file: "socket_group: invoiced-users\n").socketGroup == "invoiced-users")
        #expect(try await load(file: "socket_group: \"\"\n").socketGroup == nil)
        #expect(try await load().socketGroup == nil)
    }

    @Test func groqKey_fromTheCredential_elseTheEnvironment_neverInDescriptions() async throws {
        let credentials = dir.appending("credentials")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try "gsk_from_credential\n".write(toFile: "\(credentials)/groq-api-key", atomically: true, encoding: .utf8)
        let both = try await load(env: ["CREDENTIALS_DIRECTORY": credentials, "GROQ_API_KEY": "gsk_from_env"])
        #expect(both.chat.credential.source == "credential groq-api-key")
        #expect(both.chat.credential.key == APIKey("gsk_from_credential"))
        #expect(!"\(both.chat.credential)".contains("gsk_"))
        #expect(!"\(both)".contains("gsk_"))
        let envOnly = try await load(env: ["GROQ_API_KEY": "gsk_from_env"])
        #expect(envOnly.chat.credential.source == "GROQ_API_KEY")
        // An empty credential is reported, not skipped for GROQ_API_KEY: the operator meant it.
        try "\n".write(toFile: "\(credentials)/groq-api-key", atomically: true, encoding: .utf8)
        let empty = try await load(env: ["CREDENTIALS_DIRECTORY": credentials, "GROQ_API_KEY": "gsk_from_env"]).chat.credential
        #expect(empty.key == nil)
        #expect(empty.summary.contains("is empty") && empty.summary.contains("chat disabled"))
    }

    @Test func changedKeys_nameWhatDiffers_reloadableOrNot() async throws {
        let before = try await load(file: "workers: 2\nlog:\n  level: info\n")
        let after = try await load(file: "workers: 3\nlog:\n  level: debug\ninbox:\n  settle_ms: 200\n")
        #expect(after.changedKeys(from: before) == ["inbox.settle_ms", "workers", "log.level"])
        #expect(before.changedKeys(from: before).isEmpty)
        #expect(DaemonConfig.reloadableKeys == ["log.level", "inbox.settle_ms"])
    }

    @Test func testHangHook_onlyWhenSetToOne() async throws {
        #expect(try await load().pipeline.hangOnFirstJobForTesting == false)
        #expect(try await load(env: ["INVOICED_TEST_HANG_WORKER": "1"]).pipeline.hangOnFirstJobForTesting)
    }
}
