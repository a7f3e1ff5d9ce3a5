import CygniClients
import CygniModel

/// An operator command waiting for confirmation. It carries its idempotency key from the moment
/// the dialog opens, so however many times it is confirmed, the control plane sees one command.
public struct PendingCommand: Equatable, Sendable {
    public var command: OperatorCommand
    public var environment: String
    public var region: String
    public var fromVersion: String
    public var toVersion: String
    public var traffic: TrafficSplit
    public var strategy: Strategy

    public init(command: OperatorCommand, rollout: Rollout) {
        self.command = command
        environment = rollout.environment
        region = rollout.region
        fromVersion = rollout.fromVersion
        toVersion = rollout.toVersion
        traffic = rollout.traffic
        strategy = rollout.strategy
    }

    /// The traffic after the command, as far as the console can tell before it happens.
    public var trafficAfter: TrafficSplit {
        switch command.kind {
        case .rollback, .abort: return .allStable
        case .promote: return .allCanary
        case .pause, .resume: return traffic
        }
    }
}
