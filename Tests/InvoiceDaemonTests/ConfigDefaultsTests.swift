import ArgumentParser
import Chat
import Foundation
@testable import InvoiceDaemon
import JobStore
import OCR
import Pipeline
import TestSupport
import Testing
import Yams

/// Each default is written once, in `SettingKey`'s table; config/invoiced.yaml, which people
/// copy and read to learn the defaults, and `--help` say the same.
@Suite struct ConfigDefaultsTests {
    static let committedFile = "\(Fixtures.repositoryRoot)/config/invoiced.yaml"
    let loading: ConfigLoading

    init() throws {
        loading = try ConfigLoading()
    }

    /// The file's keys and values, read with Yams alone (not the daemon's loader), dotted as
    /// the table names them, in the file's order.
    static func statedValues() throws -> [(key: String, value: String)] {
        let text = try String(contentsOfFile: committedFile, encoding: .utf8)
        guard let root = try Yams.compose(yaml: text) else { return [] }
        var stated: [(key: String, value: String)] = []
        func walk(_ node: Node, prefix: String) {
            for (key, child) in node.mapping ?? [:] {
                let name = prefix.isEmpty ? key.string ?? "?" : "\(prefix).\(key.string ?? "?")"
                if child.mapping != nil {
                    walk(child, prefix: name)
                } else {
                    stated.append((name, child.scalar?.string ?? "<not a single value>"))
                }
            }
        }
        walk(root, prefix: "")
        return stated
    }

    @Test func theCommittedFile_statesEveryKeyWithTheTablesDefault_andNoOtherKey() throws {
        let stated = try Self.statedValues()
        #expect(stated.map(\.key) == SettingKey.all.map(\.name), "config/invoiced.yaml and SettingKey.all list different keys, or in another order")
        let statedByKey = Dictionary(stated.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for key in SettingKey.all {
            #expect(statedByKey[key.name] == key.defaultValue,
                    "config/invoiced.yaml says \(key.name): '\(statedByKey[key.name] ?? "nothing")', the table '\(key.defaultValue)'")
        }
    }

    /// Every field of the resolved configuration, each on a line, so that a difference shows
    /// which; the file that was read is left out.
    static func everySetting(_ config: DaemonConfig) -> String {
        var config = config
        config.configFile = nil
        var text = ""
        dump(config, to: &text)
        return text
    }

    @Test func loadingTheCommittedFile_givesTheSameConfigurationAsNoFile() async throws {
        let fromFile = try await loading.load(configFile: Self.committedFile)
        let fromDefaults = try await loading.load()
        #expect(fromFile.configFile == Self.committedFile)
        #expect(Self.everySetting(fromFile) == Self.everySetting(fromDefaults))
        // The comparison sees every field: one changed value shows.
        let oneChanged = try await loading.load(env: ["INVOICED_CHAT_MAX_TOOL_ROUNDS": "4"], configFile: Self.committedFile)
        #expect(Self.everySetting(oneChanged) != Self.everySetting(fromDefaults))
    }

    /// ChatSettings, PipelineSettings and RetryPolicy keep defaults of their own for code that builds them
    /// by hand (tests, the benchmark): modules below the daemon cannot read its table. They
    /// must not tell a different story from the daemon's.
    @Test func theSettingsTypesOwnDefaults_areTheTables() async throws {
        let daemon = try await loading.load()
        let chat = ChatSettings(credential: .missing("no key"))
        #expect(chat.baseURL == daemon.chat.baseURL && chat.model == daemon.chat.model && chat.timeout == daemon.chat.timeout)
        #expect(chat.historyTurns == daemon.chat.historyTurns && chat.maxToolRounds == daemon.chat.maxToolRounds)
        let pipeline = PipelineSettings(workers: 1, languages: "eng", tessdata: nil, maxMegapixels: 1, maxPages: 1, pageTimeout: 1,
                                        lease: 1, shutdownGrace: 0, retry: RetryPolicy(maxAttempts: 1, baseDelay: 0))
        #expect(pipeline.workerNice == daemon.pipeline.workerNice && pipeline.vietnameseFirst == daemon.pipeline.vietnameseFirst)
        #expect(pipeline.reviewBelow == daemon.pipeline.reviewBelow && pipeline.preparation == daemon.pipeline.preparation)
        #expect(pipeline.secondReading == daemon.pipeline.secondReading)
        #expect(RetryPolicy(maxAttempts: 1).baseDelay == daemon.pipeline.retry.baseDelay)
    }

    @Test func help_saysTheTablesDefault_forEveryFlagThatSetsAKey() {
        let help = InvoicedCommand.helpMessage(columns: 1000)
        for key in [SettingKey.inboxPath, .dataDir, .socket, .http, .workers, .ocrLanguages] {
            #expect(help.contains("(\(key.name)); default: \(key.defaultDescription)."), "\(key.name) in:\n\(help)")
        }
        #expect(help.contains("default: 127.0.0.1:8000") && help.contains("default: vie+eng") && help.contains("default: the number of cores"))
    }
}
