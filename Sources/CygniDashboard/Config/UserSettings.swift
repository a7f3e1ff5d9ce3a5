import Foundation
import CygniClients
import TOMLKit

/// config.toml: the user's defaults; command-line flags win over them.
public struct UserSettings: Equatable, Sendable {
    public var theme: String?
    public var keymap: String?
    public var refreshSeconds: Double = 1
    public var logBufferLines: Int = 100_000
    public var traceBufferSize: Int = 5_000
    public var readOnly: Bool = false
    /// cygnid's URL: the console and every command go through it unless told otherwise.
    public var controlPlane: String?
    /// Where the token for cygnid is kept; a relative path is relative to config.toml's folder.
    public var tokenFile: String?
    /// The file these settings came from, for messages about them.
    public var file: String?

    public init() {}

    /// AWS is asked at most this often, however short the configured refresh: the console
    /// reads several APIs per refresh, and they throttle and (CloudWatch) bill per call.
    public static let awsMinimumRefreshSeconds = 5.0

    /// The refresh for a source: the configured one, but never faster than the source allows.
    public func refreshSeconds(for source: SourceDescription) -> Double {
        source.kind == .aws ? max(refreshSeconds, Self.awsMinimumRefreshSeconds) : refreshSeconds
    }

    /// On AWS, trace summaries every 15 s and the log tail every 10 s (X-Ray bills per trace
    /// scanned; FilterLogEvents shares a small per-account rate limit); elsewhere every refresh.
    public func cadence(for source: SourceDescription) -> SourceCadence {
        source.kind == .aws ? .every(traceSeconds: 15, logSeconds: 10, refreshSeconds: refreshSeconds(for: source)) : .everyRefresh
    }

    static let fields = ["theme", "keymap", "refresh_seconds", "log_buffer_lines", "trace_buffer_size", "read_only", "control_plane", "token_file"]

    static func parse(_ text: String, file: String) throws(ConfigurationError) -> UserSettings {
        let table = try TOMLDocument.parse(text, file: file)
        var settings = UserSettings()
        settings.file = file
        for key in table.keys {
            let line = SourceLines.line(of: key, in: text)
            let value = table[key]
            func fail(_ expected: String) -> ConfigurationError {
                ConfigurationError(file: file, line: line, message: "\(key) must be \(expected)")
            }
            switch key {
            case "theme":
                guard let name = value?.string else { throw fail("a theme name") }
                settings.theme = name
            case "keymap":
                guard let name = value?.string else { throw fail("a keymap name") }
                settings.keymap = name
            case "refresh_seconds":
                guard let seconds = value?.double ?? value?.int.map(Double.init), seconds >= 0.2, seconds <= 600 else {
                    throw fail("a number of seconds between 0.2 and 600")
                }
                settings.refreshSeconds = seconds
            case "log_buffer_lines":
                guard let lines = value?.int, lines >= 100, lines <= 10_000_000 else { throw fail("a whole number between 100 and 10000000") }
                settings.logBufferLines = lines
            case "trace_buffer_size":
                guard let size = value?.int, size >= 10, size <= 1_000_000 else { throw fail("a whole number between 10 and 1000000") }
                settings.traceBufferSize = size
            case "read_only":
                guard let flag = value?.bool else { throw fail("true or false") }
                settings.readOnly = flag
            case "control_plane":
                guard let url = value?.string, !url.isEmpty else { throw fail("cygnid's URL, such as \"http://127.0.0.1:7070\"") }
                settings.controlPlane = url
            case "token_file":
                guard let path = value?.string, !path.isEmpty else { throw fail("the path of a file holding a cygnid token") }
                let folder = (file as NSString).deletingLastPathComponent
                settings.tokenFile = path.hasPrefix("/") ? path : path.hasPrefix("~/")
                    ? NSHomeDirectory() + path.dropFirst(1) : (folder as NSString).appendingPathComponent(path)
            default:
                throw ConfigurationError(
                    file: file, line: line,
                    message: "unknown setting \"\(key)\" (settings: \(fields.joined(separator: ", ")))"
                )
            }
        }
        return settings
    }
}
