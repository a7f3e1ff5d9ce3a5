import CygniAWS
import CygniClients

/// A place where an ALB splits traffic by weight: a listener's default action or one of its
/// rules. Rollouts move traffic by rewriting the weights here.
public struct TrafficSite: Sendable, Equatable {
    public var listenerARN: String
    /// Nil for the listener's default action.
    public var ruleARN: String?
    /// All the actions there (an authenticate action may come first); `index` is the forward.
    public var actions: [ListenerAction]
    public var index: Int

    public var action: ListenerAction { actions[index] }

    public func weight(of targetGroupARN: String) -> Int? {
        action.targetGroups.first { $0.targetGroupARN == targetGroupARN }?.weight
    }

    /// All the actions, the forward with the given weights (groups not named keep theirs).
    public func reweighted(_ weights: [String: Int]) -> [ListenerAction] {
        var actions = actions
        actions[index].targetGroups = action.targetGroups.map { group in
            WeightedTargetGroup(targetGroupARN: group.targetGroupARN, weight: weights[group.targetGroupARN] ?? group.weight)
        }
        return actions
    }
}

/// Reads and writes the weighted forwards that name a pair of target groups.
public struct TrafficSites: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Every listener default action or rule of `loadBalancerARN` forwarding to both groups.
    public func sites(loadBalancerARN: String, forwardingTo pair: (String, String)) async throws -> [TrafficSite] {
        try await sites(loadBalancerARN: loadBalancerARN) { Self.namesBoth($0, pair) }
    }

    /// The site made of a listener's default actions (`ruleARN` nil) or a rule's actions, when
    /// a forward among them names both groups; nil when none does (any more).
    public static func site(listenerARN: String, ruleARN: String?, actions: [ListenerAction], forwardingTo pair: (String, String)) -> TrafficSite? {
        guard let index = actions.firstIndex(where: { isForward($0) { namesBoth($0, pair) } }) else { return nil }
        return TrafficSite(listenerARN: listenerARN, ruleARN: ruleARN, actions: actions, index: index)
    }

    private static func namesBoth(_ groups: Set<String>, _ pair: (String, String)) -> Bool {
        groups.contains(pair.0) && groups.contains(pair.1)
    }

    private static func isForward(_ action: ListenerAction, where matches: (Set<String>) -> Bool) -> Bool {
        action.type == "forward" && matches(Set(action.targetGroups.map(\.targetGroupARN)))
    }

    /// Every listener default action or rule of `loadBalancerARN` whose forward names `group`.
    public func sites(loadBalancerARN: String, naming group: String) async throws -> [TrafficSite] {
        try await sites(loadBalancerARN: loadBalancerARN) { $0.contains(group) }
    }

    private func sites(loadBalancerARN: String, where matches: (Set<String>) -> Bool) async throws -> [TrafficSite] {
        let elb = ELBv2Client(client)
        var sites: [TrafficSite] = []
        func isMatch(_ action: ListenerAction) -> Bool { Self.isForward(action, where: matches) }
        for listener in try await elb.describeListeners(loadBalancerARN: loadBalancerARN) {
            if let index = listener.defaultActions.firstIndex(where: isMatch) {
                sites.append(TrafficSite(listenerARN: listener.arn, ruleARN: nil, actions: listener.defaultActions, index: index))
            }
            for rule in try await elb.describeRules(listenerARN: listener.arn) where !rule.isDefault {
                if let index = rule.actions.firstIndex(where: isMatch) {
                    sites.append(TrafficSite(listenerARN: listener.arn, ruleARN: rule.arn, actions: rule.actions, index: index))
                }
            }
        }
        return sites
    }

    /// Rewrites the weights at every site, or at none: a site whose forward shares the listener
    /// or rule with other actions (authenticate, fixed response) is refused before anything is
    /// written, since cx writes forward actions only and would drop the others; when a write
    /// fails, the sites already written get their old weights back. Setting the same weights
    /// twice is harmless, so a repeat is safe.
    public func apply(_ weights: [String: Int], to sites: [TrafficSite]) async throws {
        if let why = Self.whyUnwritable(sites) { throw ClientError(why) }
        var written: [TrafficSite] = []
        do {
            for site in sites {
                try await write(site.reweighted(weights), at: site)
                written.append(site)
            }
        } catch {
            for site in written { try? await write(site.actions, at: site) }
            throw error
        }
    }

    /// Why cx will not rewrite these sites, or nil when it will: each must hold its weighted
    /// forward alone.
    public static func whyUnwritable(_ sites: [TrafficSite]) -> String? {
        guard let crowded = sites.first(where: { $0.actions.count != 1 }) else { return nil }
        return "\(crowded.ruleARN ?? crowded.listenerARN) forwards alongside \(crowded.actions.count - 1) other action(s); cx rewrites a lone weighted forward only"
    }

    private func write(_ actions: [ListenerAction], at site: TrafficSite) async throws {
        let elb = ELBv2Client(client)
        if let rule = site.ruleARN {
            _ = try await elb.modifyRule(ruleARN: rule, actions: actions)
        } else {
            _ = try await elb.modifyListener(listenerARN: site.listenerARN, defaultActions: actions)
        }
    }
}
