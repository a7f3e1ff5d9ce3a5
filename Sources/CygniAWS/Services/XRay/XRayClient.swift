import Foundation

/// A trace as X-Ray summarises it. Decoding tolerates moto's shapes (`Users` as an object,
/// integer durations, the `IsParital` typo).
public struct TraceSummary: Sendable, Equatable {
    public var id: String
    public var startTime: Date?
    public var duration: Double
    public var responseTime: Double?
    public var hasError: Bool
    public var hasFault: Bool
    public var hasThrottle: Bool
    public var httpStatus: Int?
    public var httpMethod: String?
    public var httpURL: String?
    public var entryPoint: String?

    init(_ json: JSONValue) {
        id = json["Id"]?.string ?? ""
        startTime = json["StartTime"]?.date
        duration = json["Duration"]?.double ?? 0
        responseTime = json["ResponseTime"]?.double
        hasError = json["HasError"]?.bool ?? false
        hasFault = json["HasFault"]?.bool ?? false
        hasThrottle = json["HasThrottle"]?.bool ?? false
        httpStatus = json["Http"]?["HttpStatus"]?.int
        httpMethod = json["Http"]?["HttpMethod"]?.string
        httpURL = json["Http"]?["HttpURL"]?.string
        entryPoint = json["EntryPoint"]?["Name"]?.string
    }
}

/// A full trace: its segment documents (JSON text, one per segment).
public struct TraceDocument: Sendable, Equatable {
    public var id: String
    public var duration: Double?
    public var segments: [String]
}

/// X-Ray (restJson1): recent trace summaries and full traces.
public struct XRayClient: Sendable {
    public let client: AWSClient
    public var maxItems = 10_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, path: String, _ body: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        let response = try await client.send(.restJSON(.xray, operation, method: "POST", path: path, body: body, idempotent: idempotent))
        return try JSONResponse.document(response, operation: operation, service: .xray)
    }

    /// Summaries of traces in the window. A filter expression is sent only when given (moto
    /// answers 500 to any).
    public func getTraceSummaries(start: Date, end: Date, filterExpression: String? = nil) async throws -> [TraceSummary] {
        var input: [String: JSONValue] = [
            "StartTime": .number(start.timeIntervalSince1970.rounded(.down)), "EndTime": .number(end.timeIntervalSince1970.rounded(.up)),
        ]
        if let filterExpression { input["FilterExpression"] = .string(filterExpression) }
        return try await Pagination.collect(maxItems: maxItems) { token in
            var page = input
            if let token { page["NextToken"] = .string(token) }
            let output = try await call("GetTraceSummaries", path: "/TraceSummaries", .object(page))
            client.usage.count(output["TracesProcessedCount"]?.int ?? 0, .tracesScanned)
            return (output["TraceSummaries"]?.array.map(TraceSummary.init) ?? [], output["NextToken"]?.string)
        }
    }

    /// Full traces, five ids per call as X-Ray allows.
    public func batchGetTraces(ids: [String]) async throws -> [TraceDocument] {
        var traces: [TraceDocument] = []
        for batch in ids.chunked(5) {
            traces += try await Pagination.collect(maxItems: maxItems) { token in
                var input: [String: JSONValue] = ["TraceIds": .array(batch.map(JSONValue.string))]
                if let token { input["NextToken"] = .string(token) }
                let output = try await call("BatchGetTraces", path: "/Traces", .object(input))
                let page = output["Traces"]?.array.map { trace in
                    TraceDocument(
                        id: trace["Id"]?.string ?? "", duration: trace["Duration"]?.double,
                        segments: trace["Segments"]?.array.compactMap { $0["Document"]?.string } ?? []
                    )
                } ?? []
                client.usage.count(page.count, .tracesRetrieved)
                return (page, output["NextToken"]?.string)
            }
        }
        return traces
    }

    /// Sends segment documents (tests and seeding); returns the ids X-Ray could not process.
    public func putTraceSegments(_ documents: [String]) async throws -> [String] {
        let output = try await call(
            "PutTraceSegments", path: "/TraceSegments", ["TraceSegmentDocuments": .array(documents.map(JSONValue.string))], idempotent: true
        )
        return output["UnprocessedTraceSegments"]?.array.compactMap { $0["Id"]?.string } ?? []
    }
}
