import Foundation
import Testing

@testable import CygniAWS

/// ELBv2 against moto: a load balancer with a weighted forward between blue and green.
struct LiveELBv2Tests {
    static let ec2 = ServiceDescriptor(id: "EC2", signingName: "ec2", endpointPrefix: "ec2", wireProtocol: .awsQuery, apiVersion: "2016-11-15")

    struct Fixture {
        let elb: ELBv2Client
        let loadBalancer: String
        let listener: String
        let blue: String
        let green: String
    }

    func fixture() async throws -> Fixture {
        let client = try await motoClient(region: "us-west-2")
        func ec2(_ operation: String, _ parameters: QueryParameters) async throws -> XMLNode {
            try XMLNode.parse(try await client.send(.awsQuery(Self.ec2, operation, parameters, idempotent: false)).body)
        }
        var vpc = QueryParameters()
        vpc["CidrBlock"] = "10.0.0.0/16"
        let vpcID = try #require(try await ec2("CreateVpc", vpc).descendant("vpcId")?.text)
        var subnets: [String] = []
        for (index, zone) in ["us-west-2a", "us-west-2b"].enumerated() {
            var subnet = QueryParameters()
            subnet["VpcId"] = vpcID
            subnet["CidrBlock"] = "10.0.\(index).0/24"
            subnet["AvailabilityZone"] = zone
            subnets.append(try #require(try await ec2("CreateSubnet", subnet).descendant("subnetId")?.text))
        }
        let elb = ELBv2Client(client)
        func targetGroup(_ name: String) async throws -> String {
            var parameters = QueryParameters()
            parameters["Name"] = name
            parameters["Protocol"] = "HTTP"
            parameters["Port"] = "80"
            parameters["VpcId"] = vpcID
            parameters["TargetType"] = "ip"
            return try #require(try await elb.call("CreateTargetGroup", parameters, idempotent: false).descendant("TargetGroupArn")?.text)
        }
        let blue = try await targetGroup(uniqueName("blue"))
        let green = try await targetGroup(uniqueName("green"))
        var balancer = QueryParameters()
        balancer["Name"] = uniqueName("alb")
        balancer.setList("Subnets", subnets)
        let loadBalancer = try #require(try await elb.call("CreateLoadBalancer", balancer, idempotent: false).descendant("LoadBalancerArn")?.text)
        var listener = QueryParameters()
        listener["LoadBalancerArn"] = loadBalancer
        listener["Protocol"] = "HTTP"
        listener["Port"] = "80"
        ListenerAction(forward: [.init(targetGroupARN: blue, weight: 100), .init(targetGroupARN: green, weight: 0)])
            .encode(into: &listener, prefix: "DefaultActions.member.1")
        let listenerARN = try #require(try await elb.call("CreateListener", listener, idempotent: false).descendant("ListenerArn")?.text)
        var targets = QueryParameters()
        targets["TargetGroupArn"] = blue
        targets["Targets.member.1.Id"] = "10.0.0.10"
        targets["Targets.member.1.Port"] = "8080"
        _ = try await elb.call("RegisterTargets", targets, idempotent: true)
        return Fixture(elb: elb, loadBalancer: loadBalancer, listener: listenerARN, blue: blue, green: green)
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
