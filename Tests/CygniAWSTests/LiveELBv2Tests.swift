import Foundation
import Testing

@testable import CygniAWS

/// ELBv2 against moto: a load balancer with a weighted forward between blue and green.
struct LiveELBv2Tests {
    func fixture() async throws -> LoadBalancerFixture {
        try await LoadBalancerFixture.make(region: "us-west-2", registerTarget: true)
    }

    @Test func weightsAreReadAndShifted() async throws {
        let fixture = try await fixture()
        let balancers = try await fixture.elb.describeLoadBalancers(arns: [fixture.loadBalancer])
        #expect(balancers.count == 1)
        #expect(balancers.first?.type == "application")

        let listeners = try await fixture.elb.describeListeners(loadBalancerARN: fixture.loadBalancer)
        #expect(listeners.first?.weightedForward?.targetGroups == [
            .init(targetGroupARN: fixture.blue, weight: 100), .init(targetGroupARN: fixture.green, weight: 0),
        ])

        _ = try await fixture.elb.modifyListener(
            listenerARN: fixture.listener,
            defaultActions: [ListenerAction(forward: [.init(targetGroupARN: fixture.blue, weight: 90), .init(targetGroupARN: fixture.green, weight: 10)])]
        )
        let shifted = try await fixture.elb.describeListeners(loadBalancerARN: fixture.loadBalancer)
        #expect(shifted.first?.weightedForward?.targetGroups.map(\.weight) == [90, 10])

        let rules = try await fixture.elb.describeRules(listenerARN: fixture.listener)
        #expect(rules.contains { $0.isDefault })

        let groups = try await fixture.elb.describeTargetGroups(loadBalancerARN: fixture.loadBalancer)
        #expect(Set(groups.map(\.arn)) == [fixture.blue, fixture.green])
        let health = try await fixture.elb.describeTargetHealth(targetGroupARN: fixture.blue)
        #expect(health.map(\.targetID) == ["10.0.0.10"])
        #expect(health.first?.state == "healthy")
        let attributes = try await fixture.elb.describeTargetGroupAttributes(targetGroupARN: fixture.blue)
        #expect(attributes["stickiness.enabled"] == "false")
    }

    @Test func aMissingLoadBalancerIsNotFound() async throws {
        let elb = ELBv2Client(try await motoClient(region: "us-west-2"))
        let error = try await #require(throws: AWSError.self) { try await elb.describeLoadBalancers(names: [uniqueName("none")]) }
        #expect(error.errorClass == .notFound)
        #expect(error.code == "LoadBalancerNotFound")
    }
}
