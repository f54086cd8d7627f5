import Foundation
import Ingest
@testable import InvoiceDaemon
import JobStore
import Logging
import OCR
import Pipeline
import TestSupport
import Testing

/// Values are converted through swift-configuration to numbers, durations and choices; a value
/// that does not convert stops the start with the key, the value and what is accepted, from
/// the file as from the environment, and never falls back to the default in silence.
@Suite struct TypedSettingTests {
    let loading: ConfigLoading

    init() throws {
        loading = try ConfigLoading()
    }

    /// The YAML text that sets `key` (dotted) to `value`, written as given.
    static func yaml(_ key: String, _ value: String) -> String {
        let parts = key.split(separator: ".")
        return parts.count == 1 ? "\(key): \(value)\n" : "\(parts[0]):\n  \(parts[1]): \(value)\n"
    }

    @Test(arguments: [
        // A non-number where a number is expected.
        ("inbox.settle_ms", "soon", "a whole number from 0 to 3600000"),
        ("workers", "two", "a whole number from 1 to 256"),
        ("chat.history_turns", "1.5", "a whole number from 0 to 100"),
        ("ocr.max_megapixels", "big", "a number from 0.01 to 10000.0"),
        // YAML 1.1's other ways of writing an integer are not settings' numbers.
        ("upload_max_mb", "1_0", "a whole number from 1 to 4096"),
        ("upload_max_mb", "0x10", "a whole number from 1 to 4096"),
        // A bad duration.
        ("jobs.lease", "5 minutes", "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h) greater than 0"),
        ("shutdown.grace", "-2s", "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h)"),
        ("api.idle_timeout", "8d", "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h) greater than 0"),
        ("api.idle_timeout", "0", "seconds (a number, or with a unit: 500ms, 2s, 5m, 1h) greater than 0"),
        // A bad choice.
        ("duplicates", "maybe", "one of skip, reprocess"),
        ("log.level", "loud", "one of trace, debug, info, notice, warning, error, critical"),
        ("ocr.prepare", "always", "one of auto, off"),
        ("http_allow_remote", "yes", "one of true, false"),
        ("socket_mode", "0999", "an octal file mode such as 0660"),
    ])
    func aValueThatDoesNotConvert_stopsTheStart_fromTheFileAndFromTheEnvironment(key: String, value: String, expected: String) async throws {
        let variable = SettingKey.all.first { $0.name == key }!.environmentVariable
        for message in [await loading.error(file: Self.yaml(key, value)), await loading.error(env: [variable: value])] {
            #expect(message.contains("invalid value '\(value)' for \(key)"), "\(message)")
            #expect(message.contains(variable) && message.contains("expected \(expected)"), "\(message)")
        }
    }

    @Test func aQuotedNumberInTheFile_isTheNumber_asTheEnvironmentsTextIs() async throws {
        let quoted = try await loading.load(file: "inbox:\n  settle_ms: \"1500\"\nworkers: '3'\nextraction:\n  review_below: \"0.5\"\n")
        #expect(quoted.inbox.settle == 1.5 && quoted.pipeline.workers == 3 && quoted.pipeline.reviewBelow == 0.5)
        let fromEnvironment = try await loading.load(env: ["INVOICED_INBOX_SETTLE_MS": " 1500 ", "INVOICED_WORKERS": "3"])
        #expect(fromEnvironment.inbox.settle == 1.5 && fromEnvironment.pipeline.workers == 3)
        let fromFlags = try await loading.load(flags: [.workers: "3"])
        #expect(fromFlags.pipeline.workers == 3)
    }

    @Test func durations_choicesAndBooleans_convert_inAnyCase() async throws {
        let config = try await loading.load(file: """
        api:
          idle_timeout: 500ms
        jobs:
          retry_backoff: 1H
          lease: "90"
        duplicates: Reprocess
        log:
          level: DEBUG
        ocr:
          prepare: "off"
          vietnamese_first: FALSE
        socket_mode: 0600
        """)
        #expect(config.idleTimeout == 0.5 && config.pipeline.retry.baseDelay == 3600 && config.pipeline.lease == 90)
        #expect(config.inbox.skipDuplicates == false && config.logLevel == .debug)
        #expect(config.pipeline.preparation == .off && config.pipeline.vietnameseFirst == false)
        #expect(config.socketMode == 0o600)
    }

    /// swift-configuration finds no single value under a list or mapping and would use the
    /// default; the loader refuses the file instead.
    @Test func aListOrMappingForAKey_isRefused_notReadAsTheDefault() async {
        let list = await loading.error(file: "workers: [1, 2]\n")
        #expect(list.contains("workers take(s) a single value, not a list or mapping"), "\(list)")
        let mapping = await loading.error(file: "log:\n  level:\n    console: debug\n")
        #expect(mapping.contains("log.level take(s) a single value"), "\(mapping)")
    }

    /// A blank value means the default, as config/invoiced.yaml writes `workers: ""`.
    @Test func aBlankValue_isTheDefault() async throws {
        let blank = try await loading.load(env: ["INVOICED_JOBS_LEASE": "", "INVOICED_LOG_LEVEL": "  "], file: "inbox:\n  settle_ms: \"\"\n")
        #expect(blank.pipeline.lease == 120 && blank.logLevel == .info && blank.inbox.settle == 1)
    }
}
