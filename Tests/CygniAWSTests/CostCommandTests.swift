import CygniModel
import Foundation
import Testing

@testable import CygniAWS

/// `cx cost` against Cost Explorer answers set for its own request (its forecast from moto's real
/// 500, or from a recorded answer), and `cx cost diff` from the Pricing API's recorded answers or
/// the built-in table. Serialized: the proxy has one queue.
@Suite(.serialized)
struct CostCommandTests {
    static let proxy = FaultProxy()

    /// A clean environment: no profile files, a cache of its own, and the run's moto keys.
    func environment(_ extra: [String: String] = [:], credentials: Credentials? = nil) -> [String: String] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cx-cost-\(UUID().uuidString)").path
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": scratch,
            "XDG_CACHE_HOME": scratch + "/cache",
            "AWS_CONFIG_FILE": scratch + "/no-config",
            "AWS_SHARED_CREDENTIALS_FILE": scratch + "/no-credentials",
        ]
        if let credentials {
            environment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyID
            environment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
        }
        return environment.merging(extra) { $1 }
    }

    /// The run's moto keys, with `variable` (an AWS_ENDPOINT_URL_...) naming a freshly reset proxy.
    func environment(through variable: String, _ extra: [String: String] = [:]) async throws -> [String: String] {
        let session = try await MotoHarness.shared.session()
        let proxy = try await Self.proxy.endpoint()
        try await Self.proxy.reset()
        return environment(extra.merging([variable: proxy]) { $1 }, credentials: session.credentials)
    }

    func object(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    }

    func today() -> String { CostExplorerClient.day(Date()) }

    @Test func spendIsSummedPerGroupAndCachedForAnHour() async throws {
        let session = try await MotoHarness.shared.session()
        let day = today()
        let result = """
            {"ResultsByTime": [
              {"TimePeriod": {"Start": "2026-11-25", "End": "2026-11-26"}, "Estimated": false, "Total": {},
               "Groups": [
                 {"Keys": ["Amazon Elastic Container Service"], "Metrics": {"UnblendedCost": {"Amount": "12.50", "Unit": "USD"}}},
                 {"Keys": ["Amazon CloudWatch"], "Metrics": {"UnblendedCost": {"Amount": "1.25", "Unit": "USD"}}}]},
              {"TimePeriod": {"Start": "\(day)", "End": "\(day)"}, "Estimated": true, "Total": {},
               "Groups": [
                 {"Keys": ["Amazon Elastic Container Service"], "Metrics": {"UnblendedCost": {"Amount": "3.00", "Unit": "USD"}}}]}
            ]}
            """
        let match = #"{"TimePeriod": {"End": "\#(CostExplorerAnswers.dayAfter(Date()))"}, "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}"#
        try await CostExplorerAnswers.answer(match: match, result: result)

        let environment = environment(credentials: session.credentials)
        let arguments = ["cost", "--days", "7", "--region", "us-east-1", "--endpoint-url", session.endpoint, "--json"]
        let first = try await CxProgram.runAside(arguments, environment: environment)
        #expect(first.status == 0, "\(first.output)")
        let report = try object(first.output)
        #expect(abs((report["total"] as? Double ?? 0) - 16.75) < 1e-9)
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.first?["key"] as? String == "Amazon Elastic Container Service")
        #expect(abs((groups.first?["amount"] as? Double ?? 0) - 15.5) < 1e-9)
        #expect(report["cached"] as? Bool == false)
        // moto does not implement GetCostForecast (HTTP 500): the spend stands, the forecast says why.
        #expect(report["forecast"] is NSNull)
        let reason = try #require(report["forecastUnavailable"] as? String)
        if ForecastWindow.restOfMonth(now: Date()) != nil {
            #expect(reason.hasPrefix("Cost Explorer failed (HTTP 5"), "\(reason)")
        }

        let second = try await CxProgram.runAside(arguments, environment: environment)
        let again = try object(second.output)
        #expect(again["cached"] as? Bool == true)
        #expect(again["forecastUnavailable"] as? String == reason)

        let human = try await CxProgram.runAside(Array(arguments.dropLast()), environment: environment)
        #expect(human.status == 0)
        #expect(human.output.contains("total 16.75 USD"), "\(human.output)")
        #expect(human.output.contains("forecast unavailable: \(reason)"), "\(human.output)")
    }

    @Test func theForecastIsShownAndCachedWithTheSpend() async throws {
        // Spend goes through the proxy to moto; the forecast is answered by the proxy.
        let environment = try await environment(through: "AWS_ENDPOINT_URL_COST_EXPLORER", ["AWS_REGION": "us-east-1"])
        try await Self.proxy.answer(target: FaultProxy.getCostForecast, body: try Recorded.text("ce-get-cost-forecast-monthly"))
        let first = try await CxProgram.runAside(["cost", "--aws", "--days", "5", "--json"], environment: environment)
        #expect(first.status == 0, "\(first.output)")
        let report = try object(first.output)
        #expect(report["total"] is Double)
        // What this cx asked AWS for: the spend and the forecast, each a billed Cost Explorer request.
        let usage = try #require(report["awsUsage"] as? [String: Any], "\(first.output)")
        #expect(usage["asker"] as? String == "console" && usage["asksAWS"] as? Bool == true)
        let asked = (usage["requests"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) { $0[$1["api"] as? String ?? ""] = $1["count"] as? Int }
        let billed = (usage["units"] as? [String: Any])?["costExplorerRequests"] as? Int ?? -1
        #expect(asked["ce:GetCostAndUsage"] ?? 0 >= 1 && billed == asked.filter { $0.key.hasPrefix("ce:") }.values.reduce(0, +), "\(usage)")
        #expect(abs((usage["estimatedDollars"] as? Double ?? 0) - Double(billed) * 0.01) < 1e-9, "\(usage)")
        #expect((usage["note"] as? String)?.contains("estimate") == true && usage["priceTableDate"] is String)
        let forecastRequests = { try await Self.proxy.requests().filter { $0["target"]?.string == FaultProxy.getCostForecast } }

        guard let window = ForecastWindow.restOfMonth(now: Date()) else {
            #expect(report["forecast"] is NSNull)
            #expect(report["forecastUnavailable"] as? String == "today is the last day of the month: no days left to forecast")
            #expect(try await forecastRequests().isEmpty)
            return
        }
        let forecast = try #require(report["forecast"] as? [String: Any])
        #expect(report["forecastUnavailable"] is NSNull)
        #expect(abs((forecast["amount"] as? Double ?? 0) - 412.3345617063) < 1e-9)
        #expect(abs((forecast["lower"] as? Double ?? 0) - 380.1022451907) < 1e-9)
        #expect(abs((forecast["upper"] as? Double ?? 0) - 444.5668782219) < 1e-9)
        #expect(forecast["predictionIntervalLevel"] as? Int == 80)
        #expect(forecast["currency"] as? String == "USD")
        #expect(forecast["start"] as? String == window.start)
        #expect(forecast["end"] as? String == window.end)
        let sent = try #require(try await forecastRequests().first)
        #expect(sent["scope"]?.string == "us-east-1/ce")
        let body = try JSONValue.parse(Data((sent["body"]?.string ?? "").utf8))
        #expect(body["TimePeriod"]?["Start"]?.string == window.start)
        #expect(body["Metric"]?.string == "UNBLENDED_COST")

        let human = try await CxProgram.runAside(["cost", "--aws", "--days", "5"], environment: environment)
        #expect(human.status == 0)
        #expect(human.output.contains("forecast to month end: $412.33 (80%: $380.10–$444.57) from \(window.start) to \(window.end)"), "\(human.output)")
        #expect(human.output.contains("(cached"), "\(human.output)")
        #expect(human.output.contains("Cost Explorer requests 0;"), "a cached answer asks Cost Explorer nothing:\n\(human.output)")
        #expect(try await forecastRequests().count == 1, "the cached answer carries the forecast: no second paid request")
    }

    @Test func diffUsesThePricingAPI() async throws {
        let environment = try await environment(through: "AWS_ENDPOINT_URL_PRICING")
        try await Self.proxy.answerIrelandPrices()
        let arguments = ["cost", "diff", "--cpu", "1", "--memory", "2", "--count", "2", "--from-count", "1", "--region", "eu-west-1"]

        let result = try await CxProgram.runAside(arguments + ["--json"], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        let report = try object(result.output)
        #expect(report["priceSource"] as? String == "AWS Pricing API")
        #expect(report["priceDate"] as? String == today())
        #expect(report["priceRegion"] as? String == "eu-west-1")
        #expect(report["fallbackReason"] is NSNull)
        let rates = try #require(report["rates"] as? [String: Any])
        #expect(rates["vCPUHour"] as? Double == 0.04456)
        #expect(rates["gbHour"] as? Double == 0.004865)
        #expect(abs((report["hourlyDelta"] as? Double ?? 0) - (0.04456 + 2 * 0.004865)) < 1e-12)
        let notes = try #require(report["notes"] as? [String])
        #expect(notes.contains("price document 4: not a JSON object"))

        let human = try await CxProgram.runAside(arguments, environment: environment)
        #expect(human.status == 0)
        #expect(human.output.contains("prices: AWS Pricing API, fetched \(today()) (eu-west-1 Linux/x86 on-demand"), "\(human.output)")
        #expect(human.output.contains("note: price document 6: not a string"), "\(human.output)")
        #expect(try await Self.proxy.requests().allSatisfy { $0["scope"]?.string == "us-east-1/pricing" })
    }

    @Test func diffFallsBackToTheTableWhenPricingFails() async throws {
        // moto has no Pricing backend: its real 500 is the failure.
        let session = try await MotoHarness.shared.session()
        let environment = environment(["AWS_ENDPOINT_URL_PRICING": session.endpoint], credentials: session.credentials)
        let arguments = ["cost", "diff", "--cpu", "0.25", "--memory", "0.5", "--count", "1", "--arch", "arm", "--region", "eu-west-1"]
        let result = try await CxProgram.runAside(arguments + ["--json"], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        let report = try object(result.output)
        #expect(report["priceSource"] as? String == "built-in table")
        #expect(report["priceDate"] as? String == "2026-11-01")
        #expect(report["priceRegion"] as? String == "us-east-1")
        #expect((report["fallbackReason"] as? String)?.hasPrefix("the Pricing API failed (HTTP 5") == true, "\(report)")
        #expect(abs((report["hourlyDelta"] as? Double ?? 0) - (0.25 * 0.03238 + 0.5 * 0.00356)) < 1e-12)

        let human = try await CxProgram.runAside(arguments, environment: environment)
        #expect(human.output.contains("prices: built-in Fargate arm table of 2026-11-01"), "\(human.output)")
        #expect(human.output.contains("fallback because: the Pricing API failed (HTTP 5"), "\(human.output)")
        #expect(human.output.contains("eu-west-1 prices differ by a few percent"), "\(human.output)")
    }

    @Test func diffFallsBackWhenPricingIsSlow() async throws {
        let environment = try await environment(through: "AWS_ENDPOINT_URL_PRICING")
        try await Self.proxy.answer(target: FaultProxy.getProducts, body: try Recorded.text("pricing-get-products-us-east-1"))
        try await Self.proxy.queue("slow:30", "slow:30", "slow:30", "slow:30")
        let started = Date()
        let result = try await CxProgram.runAside(["cost", "diff", "--aws", "--cpu", "1", "--memory", "2", "--count", "1", "--json"], environment: environment)
        #expect(Date().timeIntervalSince(started) < 10, "the Pricing call must be bounded")
        #expect(result.status == 0, "\(result.output)")
        let report = try object(result.output)
        #expect(report["priceSource"] as? String == "built-in table")
        #expect(report["fallbackReason"] as? String == "no answer from the Pricing API within 5 s")
    }

    @Test func offlineNeverAsks() async throws {
        let environment = try await environment(through: "AWS_ENDPOINT_URL_PRICING")
        let result = try await CxProgram.runAside(["cost", "diff", "--aws", "--cpu", "1", "--memory", "2", "--count", "1", "--offline"], environment: environment)
        #expect(result.status == 0)
        #expect(result.output.contains("fallback because: --offline"), "\(result.output)")
        #expect(try await Self.proxy.requests().isEmpty)
    }

    /// A resize keeps the task count: before is three tasks of the old size, not none.
    @Test func aResizeWithoutFromCountKeepsTheCount() async throws {
        let environment = try await environment(through: "AWS_ENDPOINT_URL_PRICING")
        let result = try await CxProgram.runAside(
            ["cost", "diff", "--aws", "--cpu", "1", "--memory", "2", "--count", "3", "--from-cpu", "0.5", "--from-memory", "1", "--offline", "--json"],
            environment: environment)
        #expect(result.status == 0, "\(result.output)")
        let report = try object(result.output)
        let before = try #require(report["hourlyBefore"] as? Double)
        #expect(abs(before - 3 * (0.5 * 0.04048 + 1 * 0.004445)) < 1e-9)
    }

    @Test func diffMatchesTheFargateExampleWithoutCredentials() async throws {
        // On AWS with no keys and no profile files: the table, said to be used for that reason. The endpoint
        // is a closed loopback port, so nothing could leave the machine even if keys were found.
        let environment = environment(["AWS_ENDPOINT_URL_PRICING": "http://127.0.0.1:9"])
        let result = try await CxProgram.runAside(["cost", "diff", "--aws", "--cpu", "0.25", "--memory", "0.5", "--count", "1", "--json"], environment: environment)
        #expect(result.status == 0)
        let report = try object(result.output)
        #expect(abs((report["hourlyDelta"] as? Double ?? 0) - 0.01234) < 1e-5)
        #expect(abs((report["monthlyDelta"] as? Double ?? 0) - 9.01) < 0.01)
        #expect(report["priceSource"] as? String == "built-in table")
        #expect(report["fallbackReason"] as? String == "no AWS credentials")
        for bad in [["--cpu", "0", "--memory", "0.5", "--count", "1"], ["--cpu", "1", "--memory", "2", "--count", "1", "--endpoint-url", "ftp://x"]] {
            #expect(try await CxProgram.runAside(["cost", "diff"] + bad, environment: environment).status == 2, "\(bad)")
        }
    }
}
