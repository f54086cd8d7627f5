import Foundation
import Ingest
@testable import InvoiceDaemon
import JobStore
import OCR
import Pipeline
import TestSupport
import Testing

@Suite struct ConfigLoaderTests {
    let loading: ConfigLoading
    var dir: TemporaryDirectory { loading.dir }

    init() throws {
        loading = try ConfigLoading()
    }

    @Test func defaults_runFromTheWorkingFolder() async throws {
        let config = try await loading.load()
        #expect(config.inbox.path == dir.appending("inbox"))
        #expect(config.dataDir == dir.appending("data"))
        #expect(config.socketPath == dir.appending("data/invoiced.sock"))
        #expect(config.http == .tcp(host: "127.0.0.1", port: 8000))
        #expect(config.pipeline.languages == "vie+eng")
        #expect(config.pipeline.workers == ProcessInfo.processInfo.activeProcessorCount)
        #expect(config.inbox.settle == 1.0)
        #expect(config.pipeline.retry.maxAttempts == 3)
        #expect(config.socketMode == 0o660)
    }

    @Test func flagsWinOverEnvironment_environmentOverFile() async throws {
        let file = """
        inbox:
          settle_ms: 111
          path: from-file
        workers: 5
        ocr:
          languages: eng
        """
        let config = try await loading.load(
            flags: [.workers: "2"],
            env: ["INVOICED_WORKERS": "3", "INVOICED_INBOX_SETTLE_MS": "222", "INVOICED_OCR_LANGUAGES": "vie"],
            file: file)
        #expect(config.pipeline.workers == 2)
        #expect(config.inbox.settle == 0.222)
        #expect(config.pipeline.languages == "vie")
        #expect(config.inbox.path == dir.appending("from-file"))
    }

    /// Issue 14: `extraction.review_below` is a score on confidence_score's own 0…1 scale;
    /// a percentage (80) or anything outside would mark every invoice or none, so it is
    /// refused at start with the key, the variable and what is accepted.
    @Test func reviewBelow_defaultsTo0_8_andRefusesValuesOutside0To1() async throws {
        #expect(try await loading.load().pipeline.reviewBelow == 0.8)
        #expect(try await loading.load(file: "extraction:\n  review_below: 0.65\n").pipeline.reviewBelow == 0.65)
        #expect(try await loading.load(env: ["INVOICED_EXTRACTION_REVIEW_BELOW": "0"]).pipeline.reviewBelow == 0)
        #expect(try await loading.load(env: ["INVOICED_EXTRACTION_REVIEW_BELOW": "1"]).pipeline.reviewBelow == 1)
        for bad in ["80", "-0.1", "1.01", "nan", "inf", "high"] {
            let message = await loading.error(env: ["INVOICED_EXTRACTION_REVIEW_BELOW": bad])
            #expect(message.contains("'\(bad)'") && message.contains("extraction.review_below")
                    && message.contains("INVOICED_EXTRACTION_REVIEW_BELOW") && message.contains("from 0 to 1"), "\(bad): \(message)")
        }
        #expect(await loading.error(file: "extraction:\n  review_below: 80\n").contains("a confidence score from 0 to 1"))
    }

    @Test func vietnameseFirst_isOnByDefault_forVieWithOtherLanguages_only() async throws {
        #expect(try await loading.load().pipeline.vietnameseFirstLanguages == "vie")
        #expect(try await loading.load(file: "ocr:\n  vietnamese_first: false\n").pipeline.vietnameseFirstLanguages == nil)
        #expect(try await loading.load(env: ["INVOICED_OCR_LANGUAGES": "vie"]).pipeline.vietnameseFirstLanguages == nil)
        #expect(try await loading.load(env: ["INVOICED_OCR_LANGUAGES": "eng+fra"]).pipeline.vietnameseFirstLanguages == nil)
        do {
            _ = try await loading.load(env: ["INVOICED_OCR_VIETNAMESE_FIRST": "maybe"])
            Issue.record("accepted vietnamese_first: maybe")
        } catch {
            #expect("\(error)".contains("ocr.vietnamese_first") && "\(error)".contains("true, false"))
        }
    }

    /// Issue 14, item 6: photos are prepared before OCR unless `ocr.prepare: off`.
    @Test func prepare_isAutoByDefault_offInTheFileOrEnvironmentTurnsItOff_otherValuesAreRefused() async throws {
        #expect(try await loading.load().pipeline.preparation == .auto)
        #expect(try await loading.load(file: "ocr:\n  prepare: off\n").pipeline.preparation == .off)
        #expect(try await loading.load(env: ["INVOICED_OCR_PREPARE": "OFF"]).pipeline.preparation == .off)
        let message = await loading.error(env: ["INVOICED_OCR_PREPARE": "always"])
        #expect(message.contains("ocr.prepare") && message.contains("INVOICED_OCR_PREPARE") && message.contains("auto, off"), "\(message)")
    }

    /// Issue 14, item 7: doubtful pages are read a second time unless `ocr.second_reading: false`.
    @Test func secondReading_isOnByDefault_falseTurnsItOff_otherValuesAreRefused() async throws {
        #expect(try await loading.load().pipeline.secondReading)
        #expect(try await loading.load(file: "ocr:\n  second_reading: false\n").pipeline.secondReading == false)
        let message = await loading.error(env: ["INVOICED_OCR_SECOND_READING": "sometimes"])
        #expect(message.contains("ocr.second_reading") && message.contains("INVOICED_OCR_SECOND_READING") && message.contains("true, false"), "\(message)")
    }

    @Test func workerNice_defaultsTo10_andRefusesValuesOutside0To19() async throws {
        #expect(try await loading.load().pipeline.workerNice == 10)
        #expect(try await loading.load(env: ["INVOICED_OCR_WORKER_NICE": "0"]).pipeline.workerNice == 0)
        await #expect(throws: ConfigError.self) { _ = try await loading.load(env: ["INVOICED_OCR_WORKER_NICE": "20"]) }
    }

    @Test func durations_acceptUnits() async throws {
        let config = try await loading.load(env: ["INVOICED_OCR_PAGE_TIMEOUT": "1500ms", "INVOICED_JOBS_LEASE": "5m", "INVOICED_SHUTDOWN_GRACE": "0"])
        #expect(config.pipeline.pageTimeout == 1.5)
        #expect(config.pipeline.lease == 300)
        #expect(config.pipeline.shutdownGrace == 0)
    }

    @Test(arguments: [
        ("INVOICED_INBOX_SETTLE_MS", "soon", "inbox.settle_ms"),
        ("INVOICED_WORKERS", "0", "workers"),
        ("INVOICED_WORKERS", "-1", "workers"),
        ("INVOICED_OCR_PAGE_TIMEOUT", "0", "ocr.page_timeout"),
        ("INVOICED_OCR_LANGUAGES", "vie+../../etc", "ocr.languages"),
        ("INVOICED_HTTP", "0.0.0.0:8000", "http"),
        ("INVOICED_HTTP", "localhost", "http"),
        ("INVOICED_DUPLICATES", "maybe", "duplicates"),
        ("INVOICED_LOG_LEVEL", "loud", "log.level"),
        ("INVOICED_SOCKET_MODE", "rw", "socket_mode"),
        ("INVOICED_OCR_MAX_MEGAPIXELS", "nan", "ocr.max_megapixels"),
    ])
    func badValue_isAnErrorNamingTheKeyAndVariable(variable: String, value: String, key: String) async {
        let message = await loading.error(env: [variable: value])
        #expect(message.contains("'\(value)'"))
        #expect(message.contains(key))
        #expect(message.contains(variable))
    }

    @Test(arguments: ["127.attacker.example:8000", "localhost:8000", "127.0.0.1.nip.io:8000", "0x7f.example:80"])
    func httpOnAHostName_isRefused_sayingLoopbackMustBeAnIPAddress(value: String) async {
        let message = await loading.error(env: ["INVOICED_HTTP": value])
        #expect(message.contains("'\(value)'") && message.contains("http"), "\(message)")
        #expect(message.contains("is a host name, and loopback must be an IP address"), "\(message)")
    }

    @Test func httpOnALoopbackLiteral_isAccepted_anywhereIn127Slash8_andIPv6() async throws {
        #expect(try await loading.load(env: ["INVOICED_HTTP": "127.0.0.1:8000"]).http == .tcp(host: "127.0.0.1", port: 8000))
        #expect(try await loading.load(env: ["INVOICED_HTTP": "127.8.9.10:8000"]).http == .tcp(host: "127.8.9.10", port: 8000))
        #expect(try await loading.load(env: ["INVOICED_HTTP": "[::1]:8000"]).http == .tcp(host: "::1", port: 8000))
        #expect(await loading.error(env: ["INVOICED_HTTP": "128.0.0.1:8000"]).contains("128.0.0.1 is not a loopback address"))
        #expect(await loading.error(env: ["INVOICED_HTTP": "[::2]:8000"]).contains("::2 is not a loopback address"))
    }

    @Test func httpHosts_areNamesWithoutPorts_caseIgnored() async throws {
        #expect(try await loading.load().httpHosts == [])
        #expect(try await loading.load(file: "api:\n  http_hosts: Invoices.LAN, invoiced.internal\n").httpHosts == ["invoices.lan", "invoiced.internal"])
        for bad in ["invoices.lan:8000", "http://invoices.lan", "-x.lan", "a..b"] {
            let message = await loading.error(env: ["INVOICED_API_HTTP_HOSTS": bad])
            #expect(message.contains("api.http_hosts") && message.contains("without ports"), "\(bad): \(message)")
        }
    }

    @Test func unknownKeyInFile_isAnError_listingTheKnownOnes() async {
        let message = await loading.error(file: "inbox:\n  setle_ms: 10\n")
        #expect(message.contains("unknown key(s): inbox.setle_ms"))
        #expect(message.contains("inbox.settle_ms"))
    }

    @Test func brokenYAML_andNonMappingFiles_areErrors() async {
        #expect(await loading.error(file: "inbox: [unclosed\n").contains("not valid YAML"))
        #expect(await loading.error(file: "- a\n- b\n").contains("must be a mapping"))
    }

    @Test func missingConfigFile_isAnError() async {
        do {
            _ = try await ConfigLoader(flags: [:], environment: [:], configFile: "/nonexistent/invoiced.yaml", workingDirectory: "/").load()
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("/nonexistent/invoiced.yaml does not exist"))
        }
    }

    @Test func configFile_isFoundThroughSystemdConfigurationDirectory() async throws {
        try "workers: 7\n".write(toFile: dir.appending("invoiced.yaml"), atomically: true, encoding: .utf8)
        let config = try await ConfigLoader(flags: [:], environment: ["CONFIGURATION_DIRECTORY": dir.path], configFile: nil, workingDirectory: "/").load()
        #expect(config.pipeline.workers == 7)
        #expect(config.configFile == dir.appending("invoiced.yaml"))
    }

    @Test func socketPathTooLongForSockaddr_isAnError() async {
        let long = "/tmp/" + String(repeating: "s", count: 120) + ".sock"
        #expect(await loading.error(flags: [.socket: long]).contains("107 bytes"))
    }

    @Test func everyKey_mapsToOneEnvironmentVariable() {
        #expect(SettingKey.inboxSettleMs.environmentVariable == "INVOICED_INBOX_SETTLE_MS")
        #expect(SettingKey.dataDir.environmentVariable == "INVOICED_DATA_DIR")
        #expect(Set(SettingKey.all.map(\.environmentVariable)).count == SettingKey.all.count)
    }
}
