import CygniAWSSource
import CygniClients
import CygniModel
import Foundation
import Testing

@testable import CygniAWS

/// The usage meter counts what is sent, from any task, and the estimate prices its units at the
/// built-in table's list prices.
struct AWSUsageTests {
    @Test func theMeterCountsEveryRequestFromConcurrentTasks() async {
        let meter = AWSUsageMeter(since: Date(timeIntervalSince1970: 1_000))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    meter.countRequest(service: index.isMultiple(of: 4) ? "xray" : "ecs", operation: index.isMultiple(of: 4) ? "BatchGetTraces" : "DescribeServices")
                    meter.count(2, .tracesRetrieved)
                }
            }
        }
        meter.count(0, .metricsRequested)
        let usage = meter.snapshot
        #expect(usage.since == Date(timeIntervalSince1970: 1_000))
        #expect(usage.totalRequests == 200)
        #expect(usage.requests(to: "xray:BatchGetTraces") == 50)
        #expect(usage.requests(toService: "ecs") == 150)
        #expect(usage[.tracesRetrieved] == 400)
        #expect(usage.units[.metricsRequested] == nil, "a count of nothing adds no entry")
    }

    @Test func theEstimatePricesTracesMetricsAndCostExplorerRequestsAtTheTable() {
        var usage = AWSUsage(since: Date(timeIntervalSince1970: 0))
        usage.requests = ["ce:GetCostAndUsage": 2, "ce:GetCostForecast": 1, "logs:FilterLogEvents": 7, "ecs:DescribeServices": 40]
        usage.units = [.tracesRetrieved: 600_000, .tracesScanned: 400_000, .metricsRequested: 3_000]
        let report = AWSUsageReport(usage, asker: .console, at: Date(timeIntervalSince1970: 1_800))

        #expect(report.units == AWSUsageUnits(
            tracesRetrieved: 600_000, tracesScanned: 400_000, metricsRequested: 3_000, costExplorerRequests: 3, logFilterRequests: 7))
        // A million traces at $0.50, 3,000 metrics at $0.01 per 1,000, three requests at $0.01.
        #expect(abs(report.estimatedDollars - (0.50 + 0.03 + 0.03)) < 1e-9)
        #expect(report.requests.map(\.api) == ["ecs:DescribeServices", "logs:FilterLogEvents", "ce:GetCostAndUsage", "ce:GetCostForecast"])
        #expect(report.totalRequests == 50)
        // Half an hour counted: twice as much per hour.
        #expect(abs(report.perHour(report.estimatedDollars) - 1.12) < 1e-9)
        #expect(report.priceTableDate == AWSRequestPriceTable.date)
        #expect(report.note.contains("estimate") && report.note.contains(AWSRequestPriceTable.date))
        #expect(report.note.contains("FilterLogEvents does not report the bytes it scans"))
    }

    @Test func theFirstSecondsAreNotExtrapolatedIntoAnHourlyRate() {
        let usage = AWSUsage(since: Date(timeIntervalSince1970: 0), requests: ["ecs:ListServices": 3])
        let report = AWSUsageReport(usage, asker: .console, at: Date(timeIntervalSince1970: 2))
        #expect(report.perHour(Double(report.totalRequests)) == 180, "counted as a minute, not as 2 s")
    }

    @Test func theSandboxSaysItAsksNothing() {
        let report = AWSUsageReport.sandbox(since: Date(timeIntervalSince1970: 0), at: Date(timeIntervalSince1970: 60))
        #expect(!report.asksAWS && report.requests.isEmpty && report.estimatedDollars == 0)
        #expect(report.note.contains("asks AWS nothing"))
    }

    /// Real calls through the fault proxy: the meter's count per service and operation is what
    /// the proxy saw arrive, a retried request counts twice, and the billed units are what the
    /// answers reported.
    @Test func onMotoTheCountsMatchWhatWasSent() async throws {
        let proxy = FaultProxy()
        let meter = AWSUsageMeter()
        let client = try await motoClient(region: "ca-central-1", endpoint: try await proxy.endpoint(), usage: meter)
        let now = Date().timeIntervalSince1970.rounded(.down)
        let ids = (0..<2).map { index in
            "1-\(String(Int(now - 30), radix: 16))-\(String(format: "%024x", index + 1))"
        }
        let segments = ids.enumerated().map { index, id in
            #"{"name":"checkout","id":"a00000000000000\#(index)","trace_id":"\#(id)","start_time":\#(now - 30),"end_time":\#(now - 29.5)}"#
        }
        let xray = XRayClient(client)
        #expect(try await xray.putTraceSegments(segments).isEmpty)
        let summaries = try await xray.getTraceSummaries(start: Date(timeIntervalSince1970: now - 120), end: Date(timeIntervalSince1970: now + 1))
        let traces = try await xray.batchGetTraces(ids: ids)
        #expect(traces.count == 2)

        let queries = (0..<3).map { index in
            MetricQuery(
                id: "q\(index)", namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: ["TargetGroup": "tg-\(index)"],
                statistic: "Sum", periodSeconds: 60)
        }
        let cloudWatch = CloudWatchClient(client)
        try await proxy.queue("503 when GetMetricData")
        _ = try await cloudWatch.getMetricData(queries, start: Date(timeIntervalSince1970: now - 600), end: Date(timeIntervalSince1970: now))
        _ = try await cloudWatch.getMetricData(queries, start: Date(timeIntervalSince1970: now - 600), end: Date(timeIntervalSince1970: now))

        let logs = LogsClient(client)
        let group = uniqueName("/ecs/usage")
        try await logs.createLogGroup(group)
        _ = try await logs.filterLogEvents(group: group)

        let sent = try await proxy.requests()
        let seen = try await proxy.requestsByAPI()
        let usage = meter.snapshot
        #expect(usage.requests == seen, "the meter against the proxy's log")
        #expect(usage.requests(to: "monitoring:GetMetricData") == 3, "the 503 and its retry are both requests")
        #expect(usage[.metricsRequested] == 6, "three queries in each of the two answered requests")
        #expect(usage[.tracesRetrieved] == 2)
        #expect(usage[.tracesScanned] >= summaries.count && usage[.tracesScanned] >= 2)
        #expect(usage.requests(to: "logs:FilterLogEvents") == 1)

        let report = AWSUsageReport(usage, asker: .console, at: Date())
        #expect(report.units.logFilterRequests == 1)
        #expect(report.totalRequests == sent.count)
        #expect(abs(report.estimatedDollars - AWSRequestPriceTable.builtIn.dollars(report.units)) < 1e-12)
    }
}
