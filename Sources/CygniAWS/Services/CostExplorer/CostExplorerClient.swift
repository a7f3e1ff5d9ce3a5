import CygniModel
import Foundation

/// Cost Explorer's GroupBy for a grouping.
extension CostGrouping {
    var json: JSONValue {
        switch self {
        case .service: return ["Type": "DIMENSION", "Key": "SERVICE"]
        case .tag(let key): return ["Type": "TAG", "Key": .string(key)]
        }
    }
}

/// How finely a forecast is broken down; the total is the same.
public enum CostForecastGranularity: String, Sendable, Equatable {
    case daily = "DAILY"
    case monthly = "MONTHLY"
}

/// Cost Explorer (awsJson 1.1). Every request costs $0.01: callers cache.
public struct CostExplorerClient: Sendable {
    public let client: AWSClient
    public var maxPages = 50

    public init(_ client: AWSClient) {
        self.client = client
    }

    /// Daily unblended cost from `start` (inclusive) to `end` (exclusive), grouped.
    public func costAndUsage(start: Date, end: Date, groupBy grouping: CostGrouping) async throws -> CostAndUsage {
        let startText = Self.day(start)
        let endText = Self.day(end)
        var days: [String: CostAndUsage.Day] = [:]
        var groups: [String: Double] = [:]
        var groupDays: [String: [String: Double]] = [:]
        var currency = "USD"
        var token: String?
        var pages = 0
        repeat {
            var input: [String: JSONValue] = [
                "TimePeriod": ["Start": .string(startText), "End": .string(endText)],
                "Granularity": "DAILY",
                "Metrics": ["UnblendedCost"],
                "GroupBy": [grouping.json],
            ]
            if let token { input["NextPageToken"] = .string(token) }
            let response = try await client.send(.awsJSON(.costExplorer, "GetCostAndUsage", .object(input), idempotent: true))
            let output = try JSONResponse.document(response, operation: "GetCostAndUsage", service: .costExplorer)
            for period in output["ResultsByTime"]?.array ?? [] {
                let date = period["TimePeriod"]?["Start"]?.string ?? ""
                var amount = 0.0
                let periodGroups = period["Groups"]?.array ?? []
                for group in periodGroups {
                    let keys: [String] = group["Keys"]?.strings ?? []
                    let key = keys.isEmpty ? "(none)" : keys.joined(separator: ", ")
                    let metric: JSONValue? = group["Metrics"]?["UnblendedCost"]
                    let value: Double = metric?["Amount"]?.double ?? 0
                    if let unit = metric?["Unit"]?.string { currency = unit }
                    groups[key, default: 0] += value
                    groupDays[key, default: [:]][date, default: 0] += value
                    amount += value
                }
                if periodGroups.isEmpty, let total = period["Total"]?["UnblendedCost"] {
                    amount = total["Amount"]?.double ?? 0
                    if let unit = total["Unit"]?.string { currency = unit }
                }
                let estimated = period["Estimated"]?.bool ?? false
                let previous = days[date]?.amount ?? 0
                days[date] = CostAndUsage.Day(date: date, amount: previous + amount, estimated: estimated)
            }
            token = output["NextPageToken"]?.string
            pages += 1
        } while token != nil && pages < maxPages
        let sortedDays = days.values.sorted { $0.date < $1.date }
        return CostAndUsage(
            start: startText, end: endText, currency: currency, total: sortedDays.reduce(0) { $0 + $1.amount },
            days: sortedDays,
            groups: groups.map { CostAndUsage.Group(key: $0.key, amount: $0.value, daily: groupDays[$0.key]) }.sorted { $0.amount > $1.amount || ($0.amount == $1.amount && $0.key < $1.key) },
            truncated: token != nil
        )
    }

    /// Forecast of unblended cost over the window, with a prediction interval at
    /// `predictionIntervalLevel` percent (51-99) unless nil. Throws `AWSError`; a 200 answer with
    /// no figure in it is a `MalformedResponse`.
    /// With `tag`, only the spend carrying that tag with one of the values is forecast.
    public func costForecast(
        _ window: ForecastWindow, granularity: CostForecastGranularity = .monthly, predictionIntervalLevel: Int? = 80,
        tag: (key: String, values: [String])? = nil
    ) async throws -> CostForecast {
        var input: [String: JSONValue] = [
            "TimePeriod": ["Start": .string(window.start), "End": .string(window.end)],
            "Metric": "UNBLENDED_COST",
            "Granularity": .string(granularity.rawValue),
        ]
        if let tag {
            input["Filter"] = ["Tags": ["Key": .string(tag.key), "Values": .array(tag.values.map(JSONValue.string)), "MatchOptions": ["EQUALS"]]]
        }
        if let predictionIntervalLevel { input["PredictionIntervalLevel"] = .number(Double(predictionIntervalLevel)) }
        let response = try await client.send(.awsJSON(.costExplorer, "GetCostForecast", .object(input), idempotent: true))
        let output = try JSONResponse.document(response, operation: "GetCostForecast", service: .costExplorer)
        guard let forecast = CostForecast(output, start: window.start, end: window.end, predictionIntervalLevel: predictionIntervalLevel) else {
            throw AWSError.malformed("GetCostForecast", status: response.status, service: ServiceDescriptor.costExplorer.id, operation: "GetCostForecast")
        }
        return forecast
    }

    /// "2026-11-26" in UTC, as Cost Explorer's TimePeriod takes it.
    public static func day(_ date: Date) -> String {
        UTCDay.string(date)
    }
}
