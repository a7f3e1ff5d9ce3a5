import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The rounds' reads of ECS's own deployments, counted by the fault proxy: deployments asked for
/// together are described in one call of up to twenty, each asker gets its own, and one ECS
/// does not know gets nil.
@Suite struct DeploymentDescriptionsTests {
    static let proxy = FaultProxy()

    @Test func threeRolloutsAskingTogetherCostOneCallAndEachGetsItsOwn() async throws {
        var arns: [String] = []
        for _ in 0..<3 {
            let fixture = try await ServiceDeploymentFixture.canary(region: "eu-west-2", hooks: [ServiceDeploymentFixture.pauseBeforeShifts()])
            try await fixture.deploy()
            arns.append(try await fixture.deployment().arn)
        }
        let unknown = arns[0].replacingOccurrences(of: "/checkout-", with: "/gone-")

        let proxy = Self.proxy
        try await proxy.reset()
        let descriptions = DeploymentDescriptions(client: try await motoClient(region: "eu-west-2", endpoint: try await proxy.endpoint()))
        let answers = try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for arn in arns + [unknown] {
                group.addTask { (arn, try await descriptions.describe(arn)?.arn) }
            }
            return try await group.reduce(into: [String: String?]()) { $0[$1.0] = $1.1 }
        }
        for arn in arns { #expect(answers[arn] == .some(arn), "\(arn) got \(String(describing: answers[arn]))") }
        #expect(answers[unknown] == .some(nil))
        let calls = try await proxy.requests().filter { $0["target"]?.string?.hasSuffix(".DescribeServiceDeployments") == true }
        #expect(calls.count == 1, "four deployments asked together are one call, not \(calls.count)")
    }
}
