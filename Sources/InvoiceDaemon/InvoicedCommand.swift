import API
import ArgumentParser
import Foundation
import Ingest
import Logging
import Pipeline

/// `invoiced`: the daemon's command line. Every flag is also a config key and an
/// environment variable; flags win over the environment, the environment over the file.
public struct InvoicedCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "invoiced",
        abstract: "Watch an inbox folder and OCR the invoices dropped into it.",
        discussion: """
        Every setting is a key of the YAML config file and an environment variable
        INVOICED_<KEY> (upper case, '.' as '_'), e.g. inbox.settle_ms -> INVOICED_INBOX_SETTLE_MS.
        Flags win over the environment, the environment over the file. See config/invoiced.yaml.
        """,
        subcommands: [StoreCommand.self])

    @Option(name: .long, help: ArgumentHelp("YAML config file (also INVOICED_CONFIG).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(setting: .inboxPath, "Folder to watch", valueName: "dir"))
    var inbox: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(setting: .dataDir, "Database, results, archive", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp(setting: .store, "sqlite:PATH, or postgresql://user@host:5432/db shared by many nodes",
                                            valueName: "address"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(setting: .socket, "Unix socket of the API", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp(setting: .http, "Loopback TCP address of the API, or 'off'", valueName: "host:port|off"))
    var http: String?

    @Option(name: .long, help: ArgumentHelp(setting: .workers, "OCR worker threads", valueName: "n"))
    var workers: String?

    @Option(name: .long, help: ArgumentHelp(setting: .ocrLanguages, "Tesseract languages", valueName: "langs"))
    var languages: String?

    @Flag(name: .customLong("check-config"), help: "Check the configuration, print it, and exit (0 when valid).")
    var checkConfig = false

    public init() {}

    public mutating func run() async throws {
        var flags: [SettingKey: String] = [:]
        flags[.inboxPath] = inbox
        flags[.dataDir] = dataDir
        flags[.store] = store
        flags[.socket] = socket
        flags[.http] = http
        flags[.workers] = workers
        flags[.ocrLanguages] = languages
        let environment = ProcessInfo.processInfo.environment
        let loader = ConfigLoader(flags: flags, environment: environment,
                                  configFile: config, workingDirectory: FileManager.default.currentDirectoryPath)
        let resolved: DaemonConfig
        do {
            resolved = try await loader.load()
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("invoiced: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        if checkConfig {
            try Self.check(resolved, environment: environment)
            return
        }
        let (logger, levelSwitch) = LogSetup.bootstrap(level: resolved.logLevel, environment: environment)
        // A reload reads the same file the daemon started with, even if $INVOICED_CONFIG or
        // --config named it relative to a folder since left.
        var reloader = loader
        reloader.configFile = resolved.configFile
        let reload = reloader
        do {
            try await Daemon(config: resolved, logger: logger, levelSwitch: levelSwitch, environment: environment,
                             loadConfig: { try await reload.load() }).run()
        } catch let error as ConfigError {
            logger.critical("cannot start: \(error.message)")
            throw ExitCode(1)
        }
    }

    /// `--check-config`: prints the resolved settings and what the checks found; exits 2 when
    /// something would stop or break the daemon.
    static func check(_ config: DaemonConfig, environment: [String: String]) throws {
        let (problems, notes) = ConfigCheck(config: config, environment: environment).run()
        print("""
            configuration: \(config.configFile ?? "no config file; defaults, environment and flags")
            inbox: \(config.inbox.path)
            data_dir: \(config.dataDir)
            store: \(config.store)
            node_name: \(config.nodeName)
            socket: \(config.socketPath)
            workers: \(config.pipeline.workers)
            languages: \(config.pipeline.languages)
            http: \(httpSummary(config))
            """)
        for note in notes { print(note) }
        if problems.isEmpty {
            print("configuration is valid")
            return
        }
        for problem in problems {
            FileHandle.standardError.write(Data("invoiced: \(problem)\n".utf8))
        }
        throw ExitCode(2)
    }
}

/// The TCP listener as `--check-config` shows it: where a browser finds the workspace, and
/// who may use it, so an administrator sees what the office reaches before starting.
func httpSummary(_ config: DaemonConfig) -> String {
    guard case let .tcp(host, port) = config.http else { return "off (the Unix socket only; no web workspace)" }
    let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    let loopback = LoopbackAddress.isLiteral(host)
    let who = config.httpToken != nil ? "the token required: programs send it as a bearer header, browsers log in at /login"
        : "no token: every user of this machine may use it"
    return "\(address), the web workspace at http://\(loopback ? address : "<this machine>:\(port)")/ (\(who))"
}

extension ArgumentHelp {
    /// Help for a flag that sets `setting`: what it is, the key, and the default from the
    /// `SettingKey` table, so `--help` cannot drift from it.
    init(setting: SettingKey, _ abstract: String, valueName: String) {
        self.init("\(abstract) (\(setting.name)); default: \(setting.defaultDescription).", valueName: valueName)
    }
}
