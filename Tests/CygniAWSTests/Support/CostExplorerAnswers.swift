import Foundation
import Testing

@testable import CygniAWS

/// A GetCostAndUsage answer for the test that sets it, through the moto extension's
/// `/__cygni__/ce/cost-and-usage` (scripts/moto/ce_extension.py): only a request containing
/// `match` (for instance its TimePeriod and GroupBy) receives it. moto's own queue hands the next
/// answer to whichever request comes first, which is another test's console as often as not.
enum CostExplorerAnswers {
    static func answer(match: String, result: String) async throws {
        let session = try await MotoHarness.shared.session()
        let response = try await HTTPTransport.curl.send(
            HTTPRequest(
                method: "POST", url: session.endpoint + "/__cygni__/ce/cost-and-usage", headers: [("Content-Type", "application/json")],
                body: Data(#"{"match": \#(match), "result": \#(result)}"#.utf8)), .default)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
    }

    /// Cost Explorer's "2026-11-26" for the day after `date` (its End is exclusive).
    static func dayAfter(_ date: Date) -> String {
        CostExplorerClient.day(date.addingTimeInterval(86_400))
    }
}
