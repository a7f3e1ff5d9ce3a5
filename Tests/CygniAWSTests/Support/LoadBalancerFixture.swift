import Foundation
import Testing

@testable import CygniAWS

/// An ALB in moto with a listener forwarding 100/0 between a blue and a green target group, in
/// a VPC of its own: what a blue/green or canary rollout moves traffic on.
struct LoadBalancerFixture {
    static let ec2 = ServiceDescriptor(id: "EC2", signingName: "ec2", endpointPrefix: "ec2", wireProtocol: .awsQuery, apiVersion: "2016-11-15")

    let elb: ELBv2Client
    let loadBalancer: String
    let listener: String
    let blue: String
    let green: String

    static func make(region: String, registerTarget: Bool = false) async throws -> LoadBalancerFixture {
        let client = try await motoClient(region: region)
        func ec2(_ operation: String, _ parameters: QueryParameters) async throws -> XMLNode {
            try XMLNode.parse(try await client.send(.awsQuery(Self.ec2, operation, parameters, idempotent: false)).body)
        }
        var vpc = QueryParameters()
        vpc["CidrBlock"] = "10.0.0.0/16"
        let vpcID = try #require(try await ec2("CreateVpc", vpc).descendant("vpcId")?.text)
        var subnets: [String] = []
        for (index, zone) in ["\(region)a", "\(region)b"].enumerated() {
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
        if registerTarget {
            var targets = QueryParameters()
            targets["TargetGroupArn"] = blue
            targets["Targets.member.1.Id"] = "10.0.0.10"
            targets["Targets.member.1.Port"] = "8080"
            _ = try await elb.call("RegisterTargets", targets, idempotent: true)
        }
        return LoadBalancerFixture(elb: elb, loadBalancer: loadBalancer, listener: listenerARN, blue: blue, green: green)
    }
}
