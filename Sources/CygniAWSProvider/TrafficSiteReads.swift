import CygniAWS
import CygniAWSSource

/// The rounds' reads of the rollouts' weighted forwards, by ARN for every rollout at once:
/// listeners' default actions by DescribeListeners, rules by DescribeRules, up to
/// `arnsPerCall` ARNs a call. ELBv2 answers ListenerNotFound or RuleNotFound for a whole call
/// when one of its ARNs is gone: the call is asked again in halves until the gone one is alone,
/// and its asker gets nil (and looks at its whole load balancer). A command reads its forwards
/// now instead (`actionsNow`), and both make sites of what they read the same way (`sites`).
struct TrafficSiteReads: Sendable {
    private let listeners: GatheredReads<[ListenerAction]>
    private let rules: GatheredReads<[ListenerAction]>

    /// ELBv2 documents no limit on ListenerArns or RuleArns (its answers come in pages of at most
    /// 400); 100 keeps a request near 13 KB, and a request refused for its size is asked in halves.
    static let arnsPerCall = 100

    /// Longer than the services' 20 ms: a round's due rollouts reach this read spread over the
    /// round, and one call holds a hundred of them.
    init(client: AWSClient, gathering: Duration = .milliseconds(100)) {
        listeners = GatheredReads(perCall: Self.arnsPerCall, gathering: gathering) { _, arns in
            try await Self.inHalves(arns) { try await Self.listenerActions($0, client) }
        }
        rules = GatheredReads(perCall: Self.arnsPerCall, gathering: gathering) { _, arns in
            try await Self.inHalves(arns) { try await Self.ruleActions($0, client) }
        }
    }

    /// The forwards at `addresses`, each one's actions from `actions`; nil when there are none, or
    /// one is gone or no longer names both groups (its rollout then reads the whole load balancer).
    static func sites(
        at addresses: [TrafficSiteAddress], forwardingTo pair: (String, String), actions: (TrafficSiteAddress) async throws -> [ListenerAction]?
    ) async throws -> [TrafficSite]? {
        guard !addresses.isEmpty else { return nil }
        var found: [TrafficSite] = []
        for address in addresses {
            guard let actions = try await actions(address),
                let site = TrafficSites.site(listenerARN: address.listenerARN, ruleARN: address.ruleARN, actions: actions, forwardingTo: pair)
            else { return nil }
            found.append(site)
        }
        return found
    }

    /// The actions at `addresses` now, by listener or rule ARN, straight from ELBv2 for a command
    /// that must not wait for a gathered read: a call for the listeners, one for the rules; nil
    /// when one of them is gone.
    static func actionsNow(at addresses: [TrafficSiteAddress], client: AWSClient) async throws -> Actions? {
        let listenerARNs = addresses.filter { $0.ruleARN == nil }.map(\.listenerARN)
        let ruleARNs = addresses.compactMap(\.ruleARN)
        do {
            var actions = listenerARNs.isEmpty ? [:] : try await listenerActions(listenerARNs, client)
            if !ruleARNs.isEmpty { actions.merge(try await ruleActions(ruleARNs, client)) { kept, _ in kept } }
            return actions
        } catch let error as AWSError where error.errorClass == .notFound {
            return nil
        }
    }

    private static func listenerActions(_ arns: [String], _ client: AWSClient) async throws -> Actions {
        Dictionary(try await ELBv2Client(client).describeListeners(arns: arns).map { ($0.arn, $0.defaultActions) }) { first, _ in first }
    }

    private static func ruleActions(_ arns: [String], _ client: AWSClient) async throws -> Actions {
        Dictionary(try await ELBv2Client(client).describeRules(arns: arns).map { ($0.arn, $0.actions) }) { first, _ in first }
    }

    /// The actions at `address` now; nil when it is gone.
    func actions(at address: TrafficSiteAddress) async throws -> [ListenerAction]? {
        if let rule = address.ruleARN { return try await rules.read(rule, in: "") }
        return try await listeners.read(address.listenerARN, in: "")
    }

    /// Actions by listener or rule ARN.
    typealias Actions = [String: [ListenerAction]]

    private static func inHalves(_ arns: [String], _ read: @Sendable ([String]) async throws -> Actions) async throws -> Actions {
        do {
            return try await read(arns)
        } catch let error as AWSError where error.errorClass == .notFound || (error.errorClass == .validation && arns.count > 1) {
            guard arns.count > 1 else { return [:] }
            let half = arns.count / 2
            let first = try await inHalves(Array(arns[..<half]), read)
            return first.merging(try await inHalves(Array(arns[half...]), read)) { kept, _ in kept }
        }
    }
}
