import CygniAWS

/// The rounds' reads of the rollouts' weighted forwards, by ARN for every rollout at once:
/// listeners' default actions by DescribeListeners, rules by DescribeRules, each up to
/// `arnsPerCall` ARNs a call. A call that finds one of its ARNs gone (ListenerNotFound,
/// RuleNotFound) answers none of them: each of its askers looks at its whole load balancer.
struct TrafficSiteReads: Sendable {
    private let listeners: GatheredReads<[ListenerAction]>
    private let rules: GatheredReads<[ListenerAction]>

    /// ELBv2 documents no limit on ListenerArns or RuleArns; 20 is the limit it documents for
    /// DescribeLoadBalancers' ARNs, kept here so no request is refused for its length.
    static let arnsPerCall = 20

    init(client: AWSClient, gathering: Duration = .milliseconds(20)) {
        listeners = GatheredReads(perCall: Self.arnsPerCall, gathering: gathering) { _, arns in
            try await Self.unlessOneIsGone {
                Dictionary(try await ELBv2Client(client).describeListeners(arns: arns).map { ($0.arn, $0.defaultActions) }) { first, _ in first }
            }
        }
        rules = GatheredReads(perCall: Self.arnsPerCall, gathering: gathering) { _, arns in
            try await Self.unlessOneIsGone {
                Dictionary(try await ELBv2Client(client).describeRules(arns: arns).map { ($0.arn, $0.actions) }) { first, _ in first }
            }
        }
    }

    /// The actions at `address` now; nil when ELBv2 did not answer for it (gone, or a call
    /// with a gone neighbour).
    func actions(at address: TrafficSiteAddress) async throws -> [ListenerAction]? {
        if let rule = address.ruleARN { return try await rules.read(rule, in: "") }
        return try await listeners.read(address.listenerARN, in: "")
    }

    private static func unlessOneIsGone(_ read: () async throws -> [String: [ListenerAction]]) async throws -> [String: [ListenerAction]] {
        do {
            return try await read()
        } catch let error as AWSError where error.errorClass == .notFound {
            return [:]
        }
    }
}
