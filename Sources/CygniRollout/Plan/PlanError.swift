/// Why a rollout plan cannot run, worded for the person who wrote it.
public struct PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter at fault, as a dotted path: "canary.steps", "fleet.desiredCount".
    public var parameter: String
    public var problem: String

    public init(_ parameter: String, _ problem: String) {
        self.parameter = parameter
        self.problem = problem
    }

    public var description: String { "\(parameter): \(problem)" }
}
