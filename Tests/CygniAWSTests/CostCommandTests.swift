import Foundation
import Testing

@testable import CygniAWS

/// `cx cost` against moto's queued Cost Explorer answers, and `cx cost diff` from the built-in table.
struct CostCommandTests {
    @Test func spendIsSummedPerGroupAndCachedForAnHour() async throws {
        let session = try await MotoHarness.shared.session()
        let day = CostExplorerClient.day(Date())
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
        let queue = HTTPRequest(
            method: "POST", url: session.endpoint + "/moto-api/static/ce/cost-and-usage-results",
            headers: [("Content-Type", "application/json")], body: Data(#"{"results": [\#(result)]}"#.utf8)
        )
        let queued = try await HTTPTransport.curl.send(queue, .default)
        #expect(queued.status == 201)

        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cx-cost-\(UUID().uuidString)").path
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "XDG_CACHE_HOME": cache,
            "AWS_ACCESS_KEY_ID": session.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": session.credentials.secretAccessKey,
        ]
        let arguments = ["cost", "--days", "7", "--region", "us-east-1", "--endpoint-url", session.endpoint, "--json"]
        let first = try CxProgram.run(arguments, environment: environment)
        #expect(first.status == 0, "\(first.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let spend = report
        #expect(abs((spend["total"] as? Double ?? 0) - 16.75) < 1e-9)
        let groups = try #require(spend["groups"] as? [[String: Any]])
        #expect(groups.first?["key"] as? String == "Amazon Elastic Container Service")
        #expect(abs((groups.first?["amount"] as? Double ?? 0) - 15.5) < 1e-9)
        #expect(report["cached"] as? Bool == false)

        let second = try CxProgram.run(arguments, environment: environment)
        let again = try #require(try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any])
        #expect(again["cached"] as? Bool == true)
    }

    @Test func diffMatchesTheFargateExample() throws {
        let result = try CxProgram.run(["cost", "diff", "--cpu", "0.25", "--memory", "0.5", "--count", "1", "--json"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(abs((report["hourlyDelta"] as? Double ?? 0) - 0.01234) < 1e-5)
        #expect(abs((report["monthlyDelta"] as? Double ?? 0) - 9.01) < 0.01)
        #expect(report["priceSource"] as? String == "built-in table")
        let bad = try CxProgram.run(["cost", "diff", "--cpu", "0", "--memory", "0.5", "--count", "1"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(bad.status == 2)
    }
}
