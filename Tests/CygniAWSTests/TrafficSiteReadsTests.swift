import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSProvider

/// The rounds' reads of weighted forwards on moto, counted by the fault proxy: forwards asked
/// for together are read by ARN, a hundred to a call, listeners and rules apart; each asker gets
/// its own actions, and one that is gone gets nil without costing its neighbours theirs.
@Suite struct TrafficSiteReadsTests {
    static let proxy = FaultProxy()

    /// A load balancer with 105 listeners (the fixture's and 104 more, each weighted 100 - i % 100
    /// / i % 100) and three rules on the first (weighted 90/10, 80/20, 70/30).
    struct Forwards {
        let balancer: LoadBalancerFixture
        var listeners: [(arn: String, canary: Int)] = []
        var rules: [(arn: String, canary: Int)] = []
    }

    static func forwards(region: String) async throws -> Forwards {
        let balancer = try await LoadBalancerFixture.make(region: region)
        var forwards = Forwards(balancer: balancer, listeners: [(balancer.listener, 0)])
        for index in 1...104 {
            var listener = QueryParameters()
            listener["LoadBalancerArn"] = balancer.loadBalancer
            listener["Protocol"] = "HTTP"
            listener["Port"] = "\(8000 + index)"
            ListenerAction(forward: [.init(targetGroupARN: balancer.blue, weight: 100 - index % 100), .init(targetGroupARN: balancer.green, weight: index % 100)])
                .encode(into: &listener, prefix: "DefaultActions.member.1")
            let arn = try #require(try await balancer.elb.call("CreateListener", listener, idempotent: false).descendant("ListenerArn")?.text)
            forwards.listeners.append((arn, index % 100))
        }
        for (priority, canary) in [10, 20, 30].enumerated() {
            var rule = QueryParameters()
            rule["ListenerArn"] = balancer.listener
            rule["Priority"] = "\(priority + 1)"
            rule["Conditions.member.1.Field"] = "path-pattern"
            rule["Conditions.member.1.Values.member.1"] = "/api/\(canary)/*"
            ListenerAction(forward: [.init(targetGroupARN: balancer.blue, weight: 100 - canary), .init(targetGroupARN: balancer.green, weight: canary)])
                .encode(into: &rule, prefix: "Actions.member.1")
            let arn = try #require(try await balancer.elb.call("CreateRule", rule, idempotent: false).descendant("RuleArn")?.text)
            forwards.rules.append((arn, canary))
        }
        return forwards
    }

    static func calls(_ action: String) async throws -> [String] {
        try await proxy.requests().compactMap { $0["body"]?.string }.filter { $0.contains("Action=\(action)&") || $0.hasSuffix("Action=\(action)") }
    }

    @Test func aHundredAndEightForwardsTogetherCostThreeCallsAndEachGetsItsOwn() async throws {
        let region = "ap-southeast-1"
        let forwards = try await Self.forwards(region: region)
        try await Self.proxy.reset()
        let reads = TrafficSiteReads(client: try await motoClient(region: region, endpoint: try await Self.proxy.endpoint()))
        let asked = forwards.listeners.map { (TrafficSiteAddress(listenerARN: $0.arn, ruleARN: nil), $0.canary) }
            + forwards.rules.map { (TrafficSiteAddress(listenerARN: forwards.balancer.listener, ruleARN: $0.arn), $0.canary) }
        let green = forwards.balancer.green
        let answers = try await withThrowingTaskGroup(of: (TrafficSiteAddress, Int?).self) { group in
            for (address, _) in asked {
                group.addTask {
                    let actions = try await reads.actions(at: address)
                    return (address, actions?.first?.targetGroups.first { $0.targetGroupARN == green }?.weight)
                }
            }
            return try await group.reduce(into: [TrafficSiteAddress: Int?]()) { $0[$1.0] = $1.1 }
        }
        for (address, canary) in asked {
            #expect(answers[address] == .some(canary), "\(address.ruleARN ?? address.listenerARN) got \(String(describing: answers[address]))")
        }
        let listenerCalls = try await Self.calls("DescribeListeners")
        let ruleCalls = try await Self.calls("DescribeRules")
        #expect(listenerCalls.count == 2, "105 listeners are two calls of at most a hundred, not \(listenerCalls.count)")
        #expect(ruleCalls.count == 1, "3 rules are one call, not \(ruleCalls.count)")
        #expect(listenerCalls.allSatisfy { $0.contains("ListenerArns.member.1=") && !$0.contains("LoadBalancerArn=") }, "read by ARN, not by load balancer")
        #expect(ruleCalls.allSatisfy { $0.contains("RuleArns.member.1=") && !$0.contains("ListenerArn=") })
    }

    @Test func aForwardThatIsGoneIsNil() async throws {
        let region = "ap-southeast-1"
        let forwards = try await Self.forwards(region: region)
        let gone = forwards.listeners[3].arn
        var delete = QueryParameters()
        delete["ListenerArn"] = gone
        _ = try await forwards.balancer.elb.call("DeleteListener", delete, idempotent: true)
        var deleteRule = QueryParameters()
        deleteRule["RuleArn"] = forwards.rules[1].arn
        _ = try await forwards.balancer.elb.call("DeleteRule", deleteRule, idempotent: true)

        let reads = TrafficSiteReads(client: try await motoClient(region: region))
        #expect(try await reads.actions(at: TrafficSiteAddress(listenerARN: gone, ruleARN: nil)) == nil)
        #expect(try await reads.actions(at: TrafficSiteAddress(listenerARN: forwards.listeners[4].arn, ruleARN: nil)) != nil)
        // Asked together: ELBv2 (and moto) answers RuleNotFound for the whole call; the others
        // still get theirs.
        let green = forwards.balancer.green
        let answers = try await withThrowingTaskGroup(of: (String, Int?).self) { group in
            for rule in forwards.rules {
                group.addTask {
                    let actions = try await reads.actions(at: TrafficSiteAddress(listenerARN: forwards.balancer.listener, ruleARN: rule.arn))
                    return (rule.arn, actions?.first?.targetGroups.first { $0.targetGroupARN == green }?.weight)
                }
            }
            return try await group.reduce(into: [String: Int?]()) { $0[$1.0] = $1.1 }
        }
        #expect(answers[forwards.rules[0].arn] == .some(10))
        #expect(answers[forwards.rules[1].arn] == .some(nil), "the gone rule")
        #expect(answers[forwards.rules[2].arn] == .some(30))
    }
}
