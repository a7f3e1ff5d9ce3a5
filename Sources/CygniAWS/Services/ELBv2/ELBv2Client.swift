/// Elastic Load Balancing v2: the listeners and rules whose weights split traffic between the
/// two sides of a rollout, and the health of their targets.
public struct ELBv2Client: Sendable {
    public let client: AWSClient
    public var maxItems = 10_000

    public init(_ client: AWSClient) {
        self.client = client
    }

    func call(_ operation: String, _ parameters: QueryParameters = QueryParameters(), idempotent: Bool = true) async throws -> XMLNode {
        let response = try await client.send(.awsQuery(.elasticLoadBalancingV2, operation, parameters, idempotent: idempotent))
        return try QueryResponse.result(of: response, operation: operation, service: .elasticLoadBalancingV2)
    }

    private func pages(_ operation: String, _ parameters: QueryParameters, list: String) async throws -> [XMLNode] {
        try await Pagination.collect(maxItems: maxItems) { marker in
            var page = parameters
            if let marker { page["Marker"] = marker }
            let result = try await call(operation, page)
            return (result.members(list), result.string("NextMarker"))
        }
    }

    public func describeLoadBalancers(names: [String] = [], arns: [String] = []) async throws -> [LoadBalancer] {
        var parameters = QueryParameters()
        parameters.setList("Names", names)
        parameters.setList("LoadBalancerArns", arns)
        return try await pages("DescribeLoadBalancers", parameters, list: "LoadBalancers").map(LoadBalancer.init)
    }

    public func describeListeners(loadBalancerARN: String) async throws -> [Listener] {
        var parameters = QueryParameters()
        parameters["LoadBalancerArn"] = loadBalancerARN
        return try await pages("DescribeListeners", parameters, list: "Listeners").map(Listener.init)
    }

    public func describeRules(listenerARN: String) async throws -> [ListenerRule] {
        var parameters = QueryParameters()
        parameters["ListenerArn"] = listenerARN
        return try await pages("DescribeRules", parameters, list: "Rules").map(ListenerRule.init)
    }

    /// Listeners by ARN, of any load balancers. ELBv2 answers ListenerNotFound when one of them
    /// is gone (some emulators leave it out instead).
    public func describeListeners(arns: [String]) async throws -> [Listener] {
        var parameters = QueryParameters()
        parameters.setList("ListenerArns", arns)
        return try await pages("DescribeListeners", parameters, list: "Listeners").map(Listener.init)
    }

    /// Rules by ARN, of any listeners. ELBv2 answers RuleNotFound when one of them is gone.
    public func describeRules(arns: [String]) async throws -> [ListenerRule] {
        var parameters = QueryParameters()
        parameters.setList("RuleArns", arns)
        return try await pages("DescribeRules", parameters, list: "Rules").map(ListenerRule.init)
    }

    public func describeTargetGroups(loadBalancerARN: String? = nil, arns: [String] = []) async throws -> [TargetGroup] {
        var parameters = QueryParameters()
        if let loadBalancerARN { parameters["LoadBalancerArn"] = loadBalancerARN }
        parameters.setList("TargetGroupArns", arns)
        return try await pages("DescribeTargetGroups", parameters, list: "TargetGroups").map(TargetGroup.init)
    }

    public func describeTargetHealth(targetGroupARN: String) async throws -> [TargetHealth] {
        var parameters = QueryParameters()
        parameters["TargetGroupArn"] = targetGroupARN
        return try await call("DescribeTargetHealth", parameters).members("TargetHealthDescriptions").map(TargetHealth.init)
    }

    /// Target-group attributes such as `stickiness.enabled` (pinned clients delay a rollback).
    public func describeTargetGroupAttributes(targetGroupARN: String) async throws -> [String: String] {
        var parameters = QueryParameters()
        parameters["TargetGroupArn"] = targetGroupARN
        let members = try await call("DescribeTargetGroupAttributes", parameters).members("Attributes")
        var attributes: [String: String] = [:]
        for member in members {
            if let key = member.string("Key") { attributes[key] = member.string("Value") ?? "" }
        }
        return attributes
    }

    /// Replaces the listener's default actions, e.g. a forward weighted 90/10. Setting the same
    /// weights twice is harmless, so it is retried like a read.
    public func modifyListener(listenerARN: String, defaultActions: [ListenerAction]) async throws -> Listener {
        var parameters = QueryParameters()
        parameters["ListenerArn"] = listenerARN
        for (index, action) in defaultActions.enumerated() {
            action.encode(into: &parameters, prefix: "DefaultActions.member.\(index + 1)")
        }
        let result = try await call("ModifyListener", parameters)
        return result.members("Listeners").first.map(Listener.init) ?? Listener(XMLNode(name: "Listener"))
    }

    public func modifyRule(ruleARN: String, actions: [ListenerAction]) async throws -> ListenerRule {
        var parameters = QueryParameters()
        parameters["RuleArn"] = ruleARN
        for (index, action) in actions.enumerated() {
            action.encode(into: &parameters, prefix: "Actions.member.\(index + 1)")
        }
        let result = try await call("ModifyRule", parameters)
        return result.members("Rules").first.map(ListenerRule.init) ?? ListenerRule(XMLNode(name: "Rule"))
    }
}
