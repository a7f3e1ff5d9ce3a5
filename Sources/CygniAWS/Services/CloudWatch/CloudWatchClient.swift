import Foundation

/// One metric series to fetch: namespace, name, dimensions, statistic and period.
public struct MetricQuery: Sendable, Equatable {
    public var id: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [String: String]
    /// Sum, Average, Maximum, Minimum, SampleCount (moto answers 500 to percentiles: fetch base
    /// series and compute).
    public var statistic: String
    public var periodSeconds: Int

    public init(id: String, namespace: String, metricName: String, dimensions: [String: String], statistic: String, periodSeconds: Int) {
        self.id = id
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.statistic = statistic
        self.periodSeconds = periodSeconds
    }

    var json: JSONValue {
        [
            "Id": .string(id),
            "MetricStat": [
                "Metric": [
                    "Namespace": .string(namespace), "MetricName": .string(metricName),
                    "Dimensions": .array(dimensions.keys.sorted().map { ["Name": .string($0), "Value": .string(dimensions[$0]!)] }),
                ],
                "Period": .number(Double(periodSeconds)), "Stat": .string(statistic),
            ],
        ]
    }
}

public struct MetricSeries: Sendable, Equatable {
    public var id: String
    /// Oldest first.
    public var points: [(time: Date, value: Double)]

    public static func == (lhs: MetricSeries, rhs: MetricSeries) -> Bool {
        lhs.id == rhs.id && lhs.points.map(\.time) == rhs.points.map(\.time) && lhs.points.map(\.value) == rhs.points.map(\.value)
    }
}

public struct MetricAlarm: Sendable, Equatable {
    public var name: String
    /// OK, ALARM or INSUFFICIENT_DATA.
    public var state: String
    public var reason: String?
    public var metricName: String?
    public var namespace: String?

    init(_ json: JSONValue) {
        name = json["AlarmName"]?.string ?? ""
        state = json["StateValue"]?.string ?? ""
        reason = json["StateReason"]?.string
        metricName = json["MetricName"]?.string
        namespace = json["Namespace"]?.string
    }
}

/// CloudWatch over awsJson 1.0: metric series and alarms.
public struct CloudWatchClient: Sendable {
    public let client: AWSClient
    public var maxItems = 100_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, _ input: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        let response = try await client.send(.awsJSON(.cloudWatch, operation, input, idempotent: idempotent))
        return try JSONResponse.document(response, operation: operation, service: .cloudWatch)
    }

    public func getMetricData(_ queries: [MetricQuery], start: Date, end: Date) async throws -> [MetricSeries] {
        var series: [String: [(Date, Double)]] = [:]
        _ = try await Pagination.collect(maxItems: maxItems) { token -> (items: [Int], next: String?) in
            var input: [String: JSONValue] = [
                "MetricDataQueries": .array(queries.map(\.json)), "StartTime": .number(start.timeIntervalSince1970.rounded(.down)),
                "EndTime": .number(end.timeIntervalSince1970.rounded(.up)), "ScanBy": "TimestampAscending",
            ]
            if let token { input["NextToken"] = .string(token) }
            let output = try await call("GetMetricData", .object(input))
            client.usage.count(queries.count, .metricsRequested)
            var count = 0
            for result in output["MetricDataResults"]?.array ?? [] {
                let id = result["Id"]?.string ?? ""
                // Paired by position first: an unreadable entry must not shift later values onto
                // other times. Times outside 1970-2200 and non-finite values are dropped.
                let points = zip(result["Timestamps"]?.array ?? [], result["Values"]?.array ?? []).compactMap { time, value -> (Date, Double)? in
                    guard let date = time.date, (0...7_258_118_400).contains(date.timeIntervalSince1970),
                        let number = value.double, number.isFinite
                    else { return nil }
                    return (date, number)
                }
                series[id, default: []] += points
                count += result["Values"]?.array.count ?? 0
            }
            return (Array(repeating: 0, count: count), output["NextToken"]?.string)
        }
        return queries.map { query in
            MetricSeries(id: query.id, points: (series[query.id] ?? []).sorted { $0.0 < $1.0 }.map { (time: $0.0, value: $0.1) })
        }
    }

    public func describeAlarms(names: [String] = [], prefix: String? = nil) async throws -> [MetricAlarm] {
        try await Pagination.collect(maxItems: maxItems) { token in
            var input: [String: JSONValue] = [:]
            if !names.isEmpty { input["AlarmNames"] = .array(names.map(JSONValue.string)) }
            if let prefix { input["AlarmNamePrefix"] = .string(prefix) }
            if let token { input["NextToken"] = .string(token) }
            let output = try await call("DescribeAlarms", .object(input))
            return (output["MetricAlarms"]?.array.map(MetricAlarm.init) ?? [], output["NextToken"]?.string)
        }
    }

    /// Publishes data points (tests and seeding).
    public func putMetricData(namespace: String, metricName: String, dimensions: [String: String], points: [(Date, Double)]) async throws {
        let data: [JSONValue] = points.map { point in
            [
                "MetricName": .string(metricName), "Timestamp": .number(point.0.timeIntervalSince1970), "Value": .number(point.1),
                "Dimensions": .array(dimensions.keys.sorted().map { ["Name": .string($0), "Value": .string(dimensions[$0]!)] }),
            ]
        }
        _ = try await call("PutMetricData", ["Namespace": .string(namespace), "MetricData": .array(data)], idempotent: false)
    }
}
