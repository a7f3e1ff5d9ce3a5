import CygniModel
import Foundation

/// How each simulated service writes its log lines, as real ones do: payments is a Node service
/// logging with pino (JSON, numeric levels, epoch milliseconds, errors as `err` objects), search a
/// Go one with zap (JSON, `ts` in fractional epoch seconds, `caller`, `error` and `stacktrace`),
/// gateway writes logfmt, and checkout and catalog plain text. The console reads them all through
/// `LogLine`, as it reads CloudWatch's. Everything here is a function of its arguments: no random
/// draws, so a seed's world is the same whatever the formats.
enum ServiceLogFormat {
    case pino, zap, logfmt, plain

    static func of(_ service: String) -> ServiceLogFormat {
        switch service {
        case "payments": return .pino
        case "search": return .zap
        case "gateway": return .logfmt
        default: return .plain
        }
    }

    /// What a service writes about one event. An error's text goes where the writer puts errors
    /// (pino's `err`, zap's `error`), under a short message, as services log a failed request.
    struct Entry {
        var time: Date
        var level: LogLevel
        var message: String
        var service: String
        var version: String
        var task: String
        var trace: TraceID?
        var span: SpanID?
        /// The operation the line is about (`POST /charges`).
        var operation: String?
    }

    /// The line as written, and the level the source records beside it: plain lines' level is
    /// known to the sandbox (as a log router that tags lines would know it); structured lines
    /// carry their own, read back by the parser.
    func line(_ entry: Entry) -> (text: String, level: LogLevel?) {
        switch self {
        case .plain: return (entry.message, entry.level)
        case .pino: return (Self.pino(entry), nil)
        case .zap: return (Self.zap(entry), nil)
        case .logfmt: return (Self.logfmt(entry), nil)
        }
    }

    private static let pinoLevels: [LogLevel: Int] = [.trace: 10, .debug: 20, .info: 30, .warn: 40, .error: 50, .fatal: 60]

    private static func pino(_ entry: Entry) -> String {
        var members: [(String, String)] = [
            ("level", String(pinoLevels[entry.level] ?? 30)),
            ("time", String(milliseconds(entry.time))),
            ("pid", "1"),
            ("hostname", quoted("ip-10-0-\(hostNumber(entry.task))")),
        ]
        if entry.level >= .error {
            let stack = "Error: \(entry.message)\n    at \(entry.operation.map(handlerName) ?? "handler") (/app/src/routes.js:88:13)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"
            members.append(("err", object([("type", quoted("Error")), ("message", quoted(entry.message)), ("stack", quoted(stack))])))
            members.append(("msg", quoted("request failed")))
        } else {
            members.append(("msg", quoted(entry.message)))
        }
        members += common(entry, traceKey: "traceId", spanKey: "spanId", trace: entry.trace?.xray)
        return object(members)
    }

    private static func zap(_ entry: Entry) -> String {
        var members: [(String, String)] = [
            ("level", quoted(entry.level.rawValue)),
            ("ts", String(format: "%.3f", entry.time.timeIntervalSince1970)),
            ("caller", quoted("search/handler.go:\(140 + (entry.operation?.count ?? 0))")),
        ]
        if entry.level >= .error {
            members.append(("msg", quoted("request failed")))
            members.append(("error", quoted(entry.message)))
            members.append(("stacktrace", quoted("main.(*Handler).ServeHTTP\n\t/app/search/handler.go:142\nnet/http.serverHandler.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:3142")))
        } else {
            members.append(("msg", quoted(entry.message)))
        }
        members += common(entry, traceKey: "trace_id", spanKey: "span_id", trace: entry.trace?.w3c)
        return object(members)
    }

    private static func logfmt(_ entry: Entry) -> String {
        var pairs = [
            "time=\(LogTime.text(entry.time))", "level=\(entry.level.rawValue)", "msg=\(quoted(entry.message))",
            "version=\(entry.version)", "task=\(entry.task)",
        ]
        if let trace = entry.trace { pairs.append("trace_id=\(trace.xray)") }
        if let span = entry.span { pairs.append("span_id=\(span.hex)") }
        return pairs.joined(separator: " ")
    }

    private static func common(_ entry: Entry, traceKey: String, spanKey: String, trace: String?) -> [(String, String)] {
        var members: [(String, String)] = [("service", quoted(entry.service)), ("version", quoted(entry.version)), ("task", quoted(entry.task))]
        if let operation = entry.operation { members.append(("operation", quoted(operation))) }
        if let trace { members.append((traceKey, quoted(trace))) }
        if let span = entry.span { members.append((spanKey, quoted(span.hex))) }
        return members
    }

    /// `POST /charges` as a JavaScript handler's name: `postCharges`.
    private static func handlerName(_ operation: String) -> String {
        let words = operation.lowercased().split(whereSeparator: { !$0.isLetter })
        guard let head = words.first else { return "handler" }
        return String(head) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A private address's last two parts from the task id, as ECS's awsvpc hostnames look.
    private static func hostNumber(_ task: String) -> String {
        let value = task.unicodeScalars.reduce(UInt32(0)) { ($0 &* 31) &+ $1.value }
        return "\(value % 250 + 1)-\(value / 250 % 250 + 1)"
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON string (RFC 8259): quotes, backslashes and C0 controls escaped; everything else,
    /// hostile C1 controls included, written as the service would, raw.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
