import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Following the logs of several groups when one writes more than a call reads.
struct ServiceLogsTests {
    @Test func aGroupOverItsLimitLosesNothingAcrossCalls() async throws {
        let client = try await motoClient(region: "eu-south-1")
        let logs = LogsClient(client)
        let busy = "/ecs/\(uniqueName("busy"))", quiet = "/ecs/\(uniqueName("quiet"))"
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 120).rounded(.down))
        for group in [busy, quiet] {
            try await logs.createLogGroup(group)
            try await logs.createLogStream(group: group, stream: "web/1")
        }
        // The busy group writes 600 lines in the first 0.6 s; the quiet one 10 lines a second later.
        try await logs.putLogEvents(group: busy, stream: "web/1", events: (0..<600).map { (base.addingTimeInterval(Double($0) / 1000), "busy \($0)") })
        try await logs.putLogEvents(group: quiet, stream: "web/1", events: (0..<10).map { (base.addingTimeInterval(1 + Double($0) / 1000), "quiet \($0)") })
        let reader = ServiceLogs(regional: RegionalClients(base: client))
        let groups = [ServiceLogs.Group(region: "eu-south-1", name: busy, service: "busy"), ServiceLogs.Group(region: "eu-south-1", name: quiet, service: "quiet")]

        var seen: [String] = []
        var since = base.addingTimeInterval(-1)
        for _ in 0..<4 {
            let page = try await reader.recent(since: since, now: base.addingTimeInterval(10), groups: groups)
            seen += page.map(\.message)
            since = page.last?.timestamp ?? since
        }
        #expect(seen == (0..<600).map { "busy \($0)" } + (0..<10).map { "quiet \($0)" })
    }
}
