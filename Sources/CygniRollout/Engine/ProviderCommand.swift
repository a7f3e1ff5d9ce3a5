import CygniModel

/// What the engine asks of the infrastructure. A provider (the sandbox, ECS and an ALB) carries
/// these out in order and reports back through observations.
public enum ProviderCommand: Equatable, Sendable, Codable {
    case createFleet(version: String, count: Int)
    case scale(version: String, count: Int)
    /// One listener change: no DNS delay, so a rollback is immediate.
    case setWeights(TrafficSplit)
    case deleteFleet(version: String)
    case runHook(name: String, version: String)
    /// Start a task in place of one that failed, after the engine's backoff.
    case replaceTask(version: String, taskID: String)
}
