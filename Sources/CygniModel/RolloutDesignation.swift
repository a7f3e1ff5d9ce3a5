/// How an operator names a rollout: "SERVICE", or "ENVIRONMENT/SERVICE" when one service name
/// runs in several environments (ECS clusters, on AWS).
public enum RolloutDesignation: Equatable, Sendable {
    case found(Rollout)
    /// The name fits active rollouts in more than one environment.
    case ambiguous(environments: [String])
    case none

    public init(_ name: String, in rollouts: [Rollout]) {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        let matching = parts.count == 2
            ? rollouts.filter { $0.environment == parts[0] && $0.service == parts[1] }
            : rollouts.filter { $0.service == name }
        let active = matching.filter(\.isActive)
        let environments = active.map(\.environment).firstOccurrences
        if environments.count > 1 {
            self = .ambiguous(environments: environments)
        } else if let rollout = active.first ?? matching.first {
            self = .found(rollout)
        } else {
            self = .none
        }
    }
}
