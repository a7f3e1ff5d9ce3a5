import Foundation

@testable import CygniAWS

/// scripts/fault-proxy.py between the client and moto: each request takes the next queued fault,
/// and requests for APIs moto does not serve can get canned answers. Each instance is a proxy
/// process of its own, so suites that queue faults or answers do not take each other's.
actor FaultProxy {
    static let shared = FaultProxy()

    private var starting: Task<String, Error>?

    /// The proxy's base URL, started on first use.
    func endpoint() async throws -> String {
        if let starting { return try await starting.value }
        let task = Task { try await Self.launch() }
        starting = task
        return try await task.value
    }

    private static func launch() async throws -> String {
        let moto = try await MotoHarness.shared.session()
        let proxy = try Subprocess.spawn(["python3", RepositoryPaths.script("fault-proxy.py"), moto.endpoint])
        ChildProcesses.track(proxy.pid)
        guard let line = proxy.firstLine(timeout: 30), let port = Int(line) else {
            throw MotoHarness.StartFailure(description: "scripts/fault-proxy.py did not print its port")
        }
        return "http://127.0.0.1:\(port)"
    }

    /// Faults for the next requests, in order; "FAULT when TEXT" applies only to requests whose
    /// target, path, signing scope or body contains TEXT.
    func queue(_ faults: String...) async throws {
        try await queue(faults)
    }

    func queue(_ faults: [String]) async throws {
        try await control("queue", body: faults.joined(separator: "\n"))
    }

    func reset() async throws {
        try await control("reset", body: "")
    }

    /// Requests the proxy has seen since the last reset.
    func requestCount() async throws -> Int {
        let response = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: try await endpoint() + "/__fault__/count"), .default)
        return try JSONValue.parse(response.body)["requests"]?.int ?? -1
    }

    /// Answers requests for `target` (an X-Amz-Target such as "AWSPriceListService.GetProducts")
    /// with `body`, instead of passing them to moto; `contains` narrows it to request bodies
    /// holding that text (a page token, say). The first answer added that matches wins.
    func answer(target: String, status: Int = 200, body: String, contains: String? = nil) async throws {
        try await answer(["target": .string(target)], status: status, body: body, contains: contains, contentType: nil)
    }

    /// Answers every request signed for `service` (a signing name: "xray", "monitoring") and
    /// holding `contains` in its body, until a reset: an API that keeps failing.
    func answer(service: String? = nil, status: Int, body: String, contains: String? = nil, contentType: String? = nil) async throws {
        try await answer(service.map { ["service": .string($0)] } ?? [:], status: status, body: body, contains: contains, contentType: contentType)
    }

    private func answer(_ match: [String: JSONValue], status: Int, body: String, contains: String?, contentType: String?) async throws {
        var answer = match
        answer["status"] = .number(Double(status))
        answer["body"] = .string(body)
        if let contains { answer["contains"] = .string(contains) }
        if let contentType { answer["contentType"] = .string(contentType) }
        try await control("answer", body: String(decoding: JSONValue.object(answer).serialized, as: UTF8.self))
    }

    /// Faults queued and not yet taken by a request.
    func pendingFaults() async throws -> Int {
        let response = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: try await endpoint() + "/__fault__/pending"), .default)
        return try JSONValue.parse(response.body)["faults"]?.int ?? -1
    }

    /// The requests seen since the last reset: {"target", "scope" (REGION/SERVICE), "signedHeaders", "body"}.
    func requests() async throws -> [JSONValue] {
        let response = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: try await endpoint() + "/__fault__/requests"), .default)
        return try JSONValue.parse(response.body).array
    }

    /// The requests seen since the last reset, counted by API as `AWSUsageMeter` names them: the
    /// SigV4 scope's service and the operation (from X-Amz-Target, the query Action, or X-Ray's
    /// REST path).
    func requestsByAPI() async throws -> [String: Int] {
        var seen: [String: Int] = [:]
        for request in try await requests() {
            let service = request["scope"]?.string?.split(separator: "/").last.map(String.init) ?? "?"
            seen[AWSUsage.api(service: service, operation: Self.operation(request)), default: 0] += 1
        }
        return seen
    }

    private static func operation(_ request: JSONValue) -> String {
        if let target = request["target"]?.string, let dot = target.lastIndex(of: ".") { return String(target[target.index(after: dot)...]) }
        if let body = request["body"]?.string, let action = body.split(separator: "&").first(where: { $0.hasPrefix("Action=") }) {
            return String(action.dropFirst("Action=".count))
        }
        let paths = ["/TraceSegments": "PutTraceSegments", "/TraceSummaries": "GetTraceSummaries", "/Traces": "BatchGetTraces"]
        return paths[request["path"]?.string ?? ""] ?? "?"
    }

    private func control(_ action: String, body: String) async throws {
        _ = try await HTTPTransport.curl.send(
            HTTPRequest(method: "POST", url: try await endpoint() + "/__fault__/\(action)", body: Data(body.utf8)), .default
        )
    }
}
