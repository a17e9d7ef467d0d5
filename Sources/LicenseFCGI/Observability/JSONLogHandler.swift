import Domain
import Foundation
import Logging

/// Writes one JSON object per line to stderr: `{"time","level","message","label",...metadata}`.
///
/// One `write(2)` per line keeps lines from several threads and processes whole.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: JSONObject = [
            "time": .string(Timestamp.iso8601(Date())), "level": .string(event.level.rawValue),
            "message": .string("\(event.message)"), "label": .string(label),
            "pid": .integer(Int64(getpid())),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = .string("\(value)")
        }
        let line = Array((JSONValue.object(object).serialized + "\n").utf8)
        line.withUnsafeBytes { _ = Foundation.write(2, $0.baseAddress, $0.count) }
    }

    /// Installs the handler once per process; `LOG_LEVEL` picks the level (default `info`).
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    }
}
