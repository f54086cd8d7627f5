import Logging

/// Logging to stderr through swift-log, once per process.
enum LogSetup {
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "invoiced")
        logger.logLevel = level
        return logger
    }
}
