import CygniModel
import Foundation
import Testing

/// `LogLine` reads the lines real loggers write: each format's level, time and message, the
/// fields it keeps, and what it does with half-written, huge and hostile input.
struct LogLineTests {
    @Test func pinoNumericLevelsEpochMillisecondsAndErrObjects() throws {
        let line = LogLine(parsing: #"{"level":50,"time":1733540344123,"pid":7,"hostname":"ip-10-0-1-2","reqId":"req-9","err":{"type":"PoolError","message":"no connection after 2000 ms","stack":"PoolError: no connection after 2000 ms\n    at acquire (/app/pool.js:45:11)"},"msg":"charge failed"}"#)
        #expect(line.format == .json)
        #expect(line.level == .error)
        #expect(line.time == Date(timeIntervalSince1970: 1_733_540_344.123))
        #expect(line.message == "charge failed: no connection after 2000 ms")
        #expect(line.fields["reqId"] == "req-9")
        #expect(line.fields["pid"] == "7")
        #expect(line.fields["err.type"] == "PoolError")
        #expect(line.fields["err.stack"]?.contains("\n    at acquire") == true)
        // The time stays a field, as a date a person reads; level and msg do not.
        #expect(line.fields["time"] == "2024-12-07T02:59:04.123Z")
        #expect(line.fields["level"] == nil && line.fields["msg"] == nil)
        for (number, level) in [(10, LogLevel.trace), (20, .debug), (30, .info), (40, .warn), (50, .error), (60, .fatal), (35, .info)] {
            #expect(LogLine(parsing: #"{"level":\#(number),"msg":"x"}"#).level == level, "pino \(number)")
        }
        // pino copies an error's message to msg when it has none of its own: not said twice.
        #expect(LogLine(parsing: #"{"level":50,"err":{"message":"boom"},"msg":"boom"}"#).message == "boom")
    }

    @Test func zapStringLevelsFractionalSecondsCallerAndStacktrace() throws {
        let line = LogLine(parsing: #"{"level":"warn","ts":1733540344.5,"caller":"search/handler.go:142","msg":"slow query","error":"context deadline exceeded","stacktrace":"main.handler\n\t/app/handler.go:142","trace_id":"5759e988bd862e3fe1be46a994272793","span_id":"00f067aa0ba902b7"}"#)
        #expect(line.level == .warn)
        #expect(line.time == Date(timeIntervalSince1970: 1_733_540_344.5))
        #expect(line.message == "slow query: context deadline exceeded")
        #expect(line.fields["caller"] == "search/handler.go:142")
        #expect(line.fields["stacktrace"] == "main.handler\n\t/app/handler.go:142")
        #expect(line.traceID == TraceID("1-5759e988-bd862e3fe1be46a994272793"))
        #expect(line.spanID == SpanID("00f067aa0ba902b7"))
        // The trace and span are the event's, not shown again as fields.
        #expect(line.fields["trace_id"] == nil && line.fields["span_id"] == nil)
        // zap's ISO time encoder, and its dpanic level.
        let iso = LogLine(parsing: #"{"level":"dpanic","ts":"2026-12-07T02:19:04.250Z","msg":"invariant broken"}"#)
        #expect(iso.level == .fatal)
        #expect(iso.time == Date(timeIntervalSince1970: 1_796_609_944.25))
        #expect(iso.fields["ts"] == "2026-12-07T02:19:04.250Z")
    }

    @Test func structlogEventLevelAndTimestamp() {
        let line = LogLine(parsing: #"{"event": "user logged in", "level": "info", "timestamp": "2026-12-07T02:19:04.123456Z", "user_id": 42, "admin": false, "roles": ["a", "b"]}"#)
        #expect(line.level == .info)
        #expect(line.message == "user logged in")
        #expect(line.time.map { abs($0.timeIntervalSince1970 - 1_796_609_944.123456) < 0.001 } == true)
        #expect(line.fields["user_id"] == "42")
        #expect(line.fields["admin"] == "false")
        #expect(line.fields["roles"] == #"["a","b"]"#)
        #expect(line.fields.items.map(\.key) == ["admin", "roles", "timestamp", "user_id"])
        // structlog's exception renderer.
        let failed = LogLine(parsing: #"{"event": "payment failed", "level": "error", "exception": "Traceback (most recent call last):\n  File \"app.py\", line 3\nValueError: bad amount"}"#)
        #expect(failed.level == .error)
        #expect(failed.message == "payment failed: Traceback (most recent call last):")
    }

    @Test func logbackLogstashEncoder() {
        let line = LogLine(parsing: #"{"@timestamp":"2026-12-07T03:19:04.123+01:00","@version":"1","message":"Request failed","logger_name":"com.example.Orders","thread_name":"http-nio-8080-exec-1","level":"ERROR","level_value":40000,"stack_trace":"java.lang.IllegalStateException: no stock\n\tat com.example.Orders.place(Orders.java:88)"}"#)
        #expect(line.level == .error)
        #expect(line.time.map { abs($0.timeIntervalSince1970 - 1_796_609_944.123) < 0.000_5 } == true)
        #expect(line.message == "Request failed: java.lang.IllegalStateException: no stock")
        #expect(line.fields["logger_name"] == "com.example.Orders")
        #expect(line.fields["thread_name"] == "http-nio-8080-exec-1")
        #expect(line.fields["@timestamp"] == "2026-12-07T03:19:04.123+01:00")
    }

    @Test func commonVariants() {
        #expect(LogLine(parsing: #"{"severity":"WARNING","message":"disk 91% full"}"#).level == .warn)
        #expect(LogLine(parsing: #"{"lvl":"crit","msg":"down"}"#).level == .fatal)
        #expect(LogLine(parsing: #"{"log":{"level":"debug"},"message":"ecs"}"#).level == .debug)
        // An error and nothing else: the error is the message.
        let error = LogLine(parsing: #"{"level":"error","error":"connection refused"}"#)
        #expect(error.message == "connection refused")
        // JSON with neither message nor level is some other document: shown as written.
        let payload = #"{"orderId": 7, "total": 12.5}"#
        #expect(LogLine(parsing: payload) == LogLine(format: .plain, message: payload))
    }

    @Test func logfmtLines() {
        let line = LogLine(parsing: #"time=2026-12-07T02:19:04.123Z level=warn msg="pool low: 3 of 50" pool=orders waiting=212 trace_id=1-5759e988-bd862e3fe1be46a994272793"#)
        #expect(line.format == .logfmt)
        #expect(line.level == .warn)
        #expect(line.message == "pool low: 3 of 50")
        #expect(line.fields["pool"] == "orders")
        #expect(line.fields["waiting"] == "212")
        #expect(line.traceID == TraceID("5759e988bd862e3fe1be46a994272793"))
        #expect(line.time.map { abs($0.timeIntervalSince1970 - 1_796_609_944.123) < 0.000_5 } == true)
        #expect(LogLine(parsing: #"lvl=error msg="said \"no\"""#).message == #"said "no""#)
        // Prose around the pairs: a plain line, whose level= still counts.
        let prose = LogLine(parsing: "request done level=error status=500")
        #expect(prose.format == .plain && prose.level == .error && prose.message == "request done level=error status=500")
        #expect(LogLine(parsing: #"msg="never closed"#).format == .plain)
    }

    @Test(arguments: [
        ("ERROR charge failed", LogLevel.error),
        ("[WARN] pool low", .warn),
        ("[warn] pool low", .warn),
        ("<error> upstream reset", .error),
        ("info: listening on :8080", .info),
        ("Error: ENOENT", .error),
        ("2026-12-07 02:19:04,123 WARN [main] c.e.Orders - low stock", .warn),
        ("2026-12-07T02:19:04.123Z INFO started", .info),
        ("02:19:04.123 [http-nio-1] DEBUG c.e.Orders - hit", .debug),
        ("lvl=warn something odd", .warn),
        ("done in 3 ms level=\"error\"", .error),
        ("CRITICAL disk gone", .fatal),
    ])
    func plainTextLevels(text: String, level: LogLevel) {
        let line = LogLine(parsing: text)
        #expect(line.format == .plain)
        #expect(line.level == level, "\(text)")
        #expect(line.message == text)
    }

    @Test(arguments: ["error rates are fine", "warning: ", "the ERROR page was served", "GET /errors 200", "info", "", "   "])
    func proseIsNotALevel(text: String) {
        // "warning: " alone has a level word with a colon: that one counts.
        let expected: LogLevel? = text == "warning: " ? .warn : nil
        #expect(LogLine(parsing: text).level == expected, "\(text)")
    }

    @Test(arguments: [
        #"{"level":"info","msg":"cut off"#, "{", "{}", "{]", #"{"a":"#, "[1,2,3]",
        #"{"level": 30, "msg": "bad \u12"}"#, #"{"msg": "x"} trailing"#, "{\u{0}}",
    ])
    func halfWrittenJSONIsShownAsText(text: String) {
        let line = LogLine(parsing: text)
        #expect(line.format == .plain)
        #expect(line.message == text)
        #expect(line.fields.isEmpty)
    }

    @Test func deepNestingIsTextAndStopsAtTheLimit() {
        let deep = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let line = LogLine(parsing: deep)
        #expect(line.format == .plain)
        #expect(line.message.utf8.count == deep.utf8.count)
        // Nesting within the limit is flattened four levels down, then kept as JSON.
        let nested = LogLine(parsing: #"{"msg":"n","a":{"b":{"c":{"d":{"e":1}}}}}"#)
        #expect(nested.fields["a.b.c.d"] == #"{"e":1}"#)
    }

    @Test func hugeAndHostileLinesAreBounded() {
        // Two thousand fields of a hundred characters: a few are kept, the rest counted.
        let members = (0..<2_000).map { #""k\#($0)":"\#(String(repeating: "v", count: 100))""# }.joined(separator: ",")
        let wide = LogLine(parsing: #"{"msg":"wide",\#(members)}"#)
        #expect(wide.message == "wide")
        #expect(wide.fields.items.count <= LogFields.maxCount)
        #expect(wide.fields.items.count + wide.fields.dropped == 2_000)
        #expect(wide.fields.items.reduce(0) { $0 + $1.key.count + $1.value.count } <= LogFields.maxTotalLength)
        // One enormous value is cut, and says so.
        let long = LogLine(parsing: #"{"msg":"long","body":"\#(String(repeating: "x", count: 200_000))"}"#)
        #expect(long.fields["body"]?.count == LogFields.maxValueLength)
        #expect(long.fields["body"]?.hasSuffix("…") == true)
        #expect(long.fields.shortened == 1)
        // An enormous error adds only its summary to the message; the field keeps its first 2 KiB.
        let error = LogLine(parsing: #"{"msg":"failed","error":"\#(String(repeating: "e", count: 10_000))"}"#)
        #expect(error.message.count == "failed: ".count + 300)
        #expect(error.fields["error"]?.count == LogFields.maxValueLength)
        // A key of megabytes is cut too.
        let key = String(repeating: "k", count: 100_000)
        #expect(LogLine(parsing: #"{"msg":"m","\#(key)":"v"}"#).fields.items.first?.key.count == LogFields.maxKeyLength)
        // Past CloudWatch's event size, a line is not taken apart at all.
        let enormous = #"{"msg":""# + String(repeating: "y", count: LogLine.maxStructuredLength) + #""}"#
        #expect(LogLine(parsing: enormous).format == .plain)
    }

    @Test func escapeSequencesSurviveParsingForTheSanitizerToRemove() {
        // JSON escapes decode to the real controls: the parser keeps data as written, and every
        // view passes it through the sanitizer (tested with these strings in CygniTerminalTests
        // and the Logs pane's golden frame).
        let line = LogLine(parsing: #"{"level":"info","msg":"promo \u001b[31mSPRING\u001b[0m","agent":"\u001b]52;c;ZXZpbA==\u0007curl","\u001b[2Jkey":"v"}"#)
        #expect(line.message == "promo \u{1B}[31mSPRING\u{1B}[0m")
        #expect(line.fields["agent"] == "\u{1B}]52;c;ZXZpbA==\u{07}curl")
        #expect(line.fields["\u{1B}[2Jkey"] == "v")
    }

    @Test func anEventReadFromALineKeepsWhatTheSourceKnows() throws {
        let trace = try #require(TraceID("1-5759e988-bd862e3fe1be46a994272793"))
        let at = Date(timeIntervalSince1970: 1_796_610_000)
        let event = LogEvent(
            line: #"{"level":40,"time":1796610001000,"msg":"slow","traceId":"1-00000000-000000000000000000000001","route":"/x"}"#,
            timestamp: at, group: "/ecs/a", stream: "a/1", service: "a", traceID: trace)
        #expect(event.timestamp == at)
        #expect(event.level == .warn)
        #expect(event.message == "slow")
        #expect(event.traceID == trace)
        #expect(event.fields?["route"] == "/x")
        let plain = LogEvent(line: "WARN low", timestamp: at, group: "g", stream: "s", service: "a", level: .error)
        #expect(plain.level == .error)
        #expect(plain.fields == nil)
        // Events encoded before fields existed still decode.
        let old = #"{"timestamp":0,"group":"g","stream":"s","service":"a","level":"info","message":"m"}"#
        let decoded = try JSONDecoder().decode(LogEvent.self, from: Data(old.utf8))
        #expect(decoded.fields == nil && decoded.message == "m")
        // Fields that arrive encoded (from cygnid) keep the limits too, and round-trip.
        let many = (0..<100).map { LogField(key: "k\($0)", value: "v") }
        let wire = try JSONEncoder().encode(LogFields(items: many, dropped: 3))
        let bounded = try JSONDecoder().decode(LogFields.self, from: wire)
        #expect(bounded.items.count == LogFields.maxCount && bounded.dropped == 100 - LogFields.maxCount + 3)
        let fields = try #require(event.fields)
        #expect(try JSONDecoder().decode(LogFields.self, from: JSONEncoder().encode(fields)) == fields)
    }
}
