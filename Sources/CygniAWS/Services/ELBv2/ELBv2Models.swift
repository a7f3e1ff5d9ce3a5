/// An application (or network) load balancer.
public struct LoadBalancer: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var dnsName: String
    /// application, network or gateway.
    public var type: String
    public var scheme: String
    public var state: String
    public var vpcID: String

    init(_ xml: XMLNode) {
        arn = xml.string("LoadBalancerArn") ?? ""
        name = xml.string("LoadBalancerName") ?? ""
        dnsName = xml.string("DNSName") ?? ""
        type = xml.string("Type") ?? ""
        scheme = xml.string("Scheme") ?? ""
        state = xml.at("State", "Code")?.text ?? ""
        vpcID = xml.string("VpcId") ?? ""
    }
}

/// One target group of a weighted forward, with its share of traffic.
public struct WeightedTargetGroup: Sendable, Equatable {
    public var targetGroupARN: String
    public var weight: Int

    public init(targetGroupARN: String, weight: Int) {
        self.targetGroupARN = targetGroupARN
        self.weight = weight
    }
}

/// A listener or rule action. Only forwarding matters to rollouts; other types keep their type.
public struct ListenerAction: Sendable, Equatable {
    public var type: String
    public var order: Int?
    /// The target groups traffic is forwarded to, with weights; a plain `TargetGroupArn` forward
    /// reads as one group with weight 1.
    public var targetGroups: [WeightedTargetGroup]
    public var stickinessEnabled: Bool
    public var stickinessDurationSeconds: Int?

    public init(forward targetGroups: [WeightedTargetGroup], stickinessEnabled: Bool = false, stickinessDurationSeconds: Int? = nil) {
        self.type = "forward"
        self.order = nil
        self.targetGroups = targetGroups
        self.stickinessEnabled = stickinessEnabled
        self.stickinessDurationSeconds = stickinessDurationSeconds
    }

    init(_ xml: XMLNode) {
        type = xml.string("Type") ?? ""
        order = xml.string("Order").flatMap { Int($0) }
        let forward = xml.child("ForwardConfig")
        var groups = forward?.members("TargetGroups").map {
            WeightedTargetGroup(targetGroupARN: $0.string("TargetGroupArn") ?? "", weight: $0.string("Weight").flatMap { Int($0) } ?? 1)
        } ?? []
        if groups.isEmpty, let single = xml.string("TargetGroupArn") {
            groups = [WeightedTargetGroup(targetGroupARN: single, weight: 1)]
        }
        targetGroups = groups
        stickinessEnabled = forward?.at("TargetGroupStickinessConfig", "Enabled")?.text == "true"
        stickinessDurationSeconds = forward?.at("TargetGroupStickinessConfig", "DurationSeconds").flatMap { Int($0.text) }
    }

    /// `prefix.Type=forward`, `prefix.ForwardConfig.TargetGroups.member.N.TargetGroupArn` ...
    func encode(into parameters: inout QueryParameters, prefix: String) {
        parameters["\(prefix).Type"] = type
        for (index, group) in targetGroups.enumerated() {
            let member = "\(prefix).ForwardConfig.TargetGroups.member.\(index + 1)"
            parameters["\(member).TargetGroupArn"] = group.targetGroupARN
            parameters["\(member).Weight"] = String(group.weight)
        }
        parameters["\(prefix).ForwardConfig.TargetGroupStickinessConfig.Enabled"] = stickinessEnabled ? "true" : "false"
        if stickinessEnabled, let duration = stickinessDurationSeconds {
            parameters["\(prefix).ForwardConfig.TargetGroupStickinessConfig.DurationSeconds"] = String(duration)
        }
    }
}

public struct Listener: Sendable, Equatable {
    public var arn: String
    public var loadBalancerARN: String
    public var port: Int?
    public var protocolName: String
    public var defaultActions: [ListenerAction]

    init(_ xml: XMLNode) {
        arn = xml.string("ListenerArn") ?? ""
        loadBalancerARN = xml.string("LoadBalancerArn") ?? ""
        port = xml.string("Port").flatMap { Int($0) }
        protocolName = xml.string("Protocol") ?? ""
        defaultActions = xml.members("DefaultActions").map(ListenerAction.init)
    }

    /// The forwarding action with more than one target group: how blue/green and canary split.
    public var weightedForward: ListenerAction? {
        defaultActions.first { $0.type == "forward" && $0.targetGroups.count > 1 }
    }
}

public struct ListenerRule: Sendable, Equatable {
    public var arn: String
    public var priority: String
    public var isDefault: Bool
    public var actions: [ListenerAction]

    init(_ xml: XMLNode) {
        arn = xml.string("RuleArn") ?? ""
        priority = xml.string("Priority") ?? ""
        isDefault = xml.string("IsDefault") == "true"
        actions = xml.members("Actions").map(ListenerAction.init)
    }
}

public struct TargetGroup: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var protocolName: String?
    public var port: Int?
    public var targetType: String?
    public var loadBalancerARNs: [String]

    init(_ xml: XMLNode) {
        arn = xml.string("TargetGroupArn") ?? ""
        name = xml.string("TargetGroupName") ?? ""
        protocolName = xml.string("Protocol")
        port = xml.string("Port").flatMap { Int($0) }
        targetType = xml.string("TargetType")
        loadBalancerARNs = xml.members("LoadBalancerArns").map(\.text)
    }
}

public struct TargetHealth: Sendable, Equatable {
    public var targetID: String
    public var port: Int?
    /// healthy, unhealthy, initial, draining, unused, unavailable.
    public var state: String
    public var reason: String?
    public var description: String?

    init(_ xml: XMLNode) {
        targetID = xml.at("Target", "Id")?.text ?? ""
        port = xml.at("Target", "Port").flatMap { Int($0.text) }
        state = xml.at("TargetHealth", "State")?.text ?? ""
        reason = xml.at("TargetHealth", "Reason")?.text
        description = xml.at("TargetHealth", "Description")?.text
    }
}
