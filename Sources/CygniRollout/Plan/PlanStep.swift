/// One step of a compiled plan: the fleets' sizes, the canary's share of traffic, and how long
/// to hold it before judging. The plan's last step is always the full switch to the new version.
public struct PlanStep: Equatable, Sendable, Codable {
    public var canaryWeight: Int
    public var canaryTasks: Int
    public var stableTasks: Int
    /// Seconds to hold the step once traffic has moved.
    public var bake: Double
    /// Whether the canary judge decides the step at the end of its bake.
    public var analyze: Bool

    public init(canaryWeight: Int, canaryTasks: Int, stableTasks: Int, bake: Double, analyze: Bool) {
        self.canaryWeight = canaryWeight
        self.canaryTasks = canaryTasks
        self.stableTasks = stableTasks
        self.bake = bake
        self.analyze = analyze
    }
}

extension StrategyPlan {
    /// The steps of the rollout in order. Every plan ends with a step at weight 100.
    func steps(desiredCount desired: Int) -> [PlanStep] {
        // A canary fleet sized to its share of traffic keeps per-task load equal on both sides,
        // which is what makes the two sides' metrics comparable.
        func canarySized(_ weight: Int) -> Int { max(1, (desired * weight + 99) / 100) }
        switch self {
        case .blueGreen(let parameters):
            var steps: [PlanStep] = []
            if case .linear(let stepPercent, let interval) = parameters.trafficSwitch {
                for weight in stride(from: stepPercent, to: 100, by: stepPercent) {
                    steps.append(PlanStep(canaryWeight: weight, canaryTasks: desired, stableTasks: desired, bake: interval, analyze: false))
                }
            }
            steps.append(PlanStep(canaryWeight: 100, canaryTasks: desired, stableTasks: desired, bake: parameters.bake, analyze: false))
            return steps
        case .canary(let parameters):
            // The last step bakes too, with the stable fleet still up: until it is deleted, a
            // rollback is one weight change, while SLOs and threshold checks watch full traffic.
            return parameters.steps.map { weight in
                weight == 100
                    ? PlanStep(canaryWeight: 100, canaryTasks: desired, stableTasks: desired, bake: parameters.bake, analyze: false)
                    : PlanStep(canaryWeight: weight, canaryTasks: canarySized(weight), stableTasks: desired, bake: parameters.bake, analyze: parameters.analyze)
            }
        case .linear(let parameters):
            var steps = stride(from: parameters.stepPercent, to: 100, by: parameters.stepPercent).map { weight in
                PlanStep(canaryWeight: weight, canaryTasks: canarySized(weight), stableTasks: desired, bake: parameters.interval, analyze: parameters.analyze)
            }
            steps.append(PlanStep(canaryWeight: 100, canaryTasks: desired, stableTasks: desired, bake: parameters.interval, analyze: false))
            return steps
        case .rolling(let parameters):
            // Each batch starts as many new tasks as the maximum percent allows and stops as many old
            // ones as the minimum healthy percent allows; traffic follows the task count.
            let surge = desired * (parameters.maximumPercent - 100) / 100
            let stoppable = max(0, desired - (desired * parameters.minimumHealthyPercent + 99) / 100)
            let batch = max(1, min(desired, surge + stoppable))
            var steps: [PlanStep] = []
            var new = 0
            while new < desired {
                new = min(desired, new + batch)
                let weight = new * 100 / desired
                steps.append(PlanStep(canaryWeight: weight, canaryTasks: new, stableTasks: desired - new, bake: 0, analyze: false))
            }
            steps[steps.count - 1].canaryWeight = 100
            return steps
        case .recreate:
            return [PlanStep(canaryWeight: 100, canaryTasks: desired, stableTasks: 0, bake: 0, analyze: false)]
        }
    }

    func validate() throws(PlanError) {
        switch self {
        case .blueGreen(let parameters):
            if case .linear(let stepPercent, let interval) = parameters.trafficSwitch {
                guard (1...99).contains(stepPercent) else {
                    throw PlanError("blueGreen.trafficSwitch.stepPercent", "must be 1-99, got \(stepPercent)")
                }
                guard interval >= 0 else { throw PlanError("blueGreen.trafficSwitch.interval", "must not be negative") }
            }
            if let hook = parameters.preTrafficHook, hook.isEmpty {
                throw PlanError("blueGreen.preTrafficHook", "must name a hook or be absent")
            }
            guard parameters.bake >= 0 else { throw PlanError("blueGreen.bake", "must not be negative") }
            guard parameters.rollbackWindow >= 0 else { throw PlanError("blueGreen.rollbackWindow", "must not be negative") }
        case .canary(let parameters):
            guard let last = parameters.steps.last else { throw PlanError("canary.steps", "must not be empty") }
            guard last == 100 else { throw PlanError("canary.steps", "must end at 100, ends at \(last)") }
            guard parameters.steps.allSatisfy({ (1...100).contains($0) }) else {
                throw PlanError("canary.steps", "weights must be 1-100, got \(parameters.steps)")
            }
            guard zip(parameters.steps, parameters.steps.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw PlanError("canary.steps", "weights must increase, got \(parameters.steps)")
            }
            guard parameters.bake >= 0 else { throw PlanError("canary.bake", "must not be negative") }
        case .linear(let parameters):
            // ECS native linear accepts 3-100; 100 is all at once.
            guard (3...100).contains(parameters.stepPercent) else {
                throw PlanError("linear.stepPercent", "must be 3-100, got \(parameters.stepPercent)")
            }
            guard parameters.interval >= 0 else { throw PlanError("linear.interval", "must not be negative") }
        case .rolling(let parameters):
            guard (0...100).contains(parameters.minimumHealthyPercent) else {
                throw PlanError("rolling.minimumHealthyPercent", "must be 0-100, got \(parameters.minimumHealthyPercent)")
            }
            guard (100...200).contains(parameters.maximumPercent) else {
                throw PlanError("rolling.maximumPercent", "must be 100-200, got \(parameters.maximumPercent)")
            }
            guard parameters.minimumHealthyPercent < 100 || parameters.maximumPercent > 100 else {
                throw PlanError("rolling", "minimumHealthyPercent 100 with maximumPercent 100 leaves no room to replace a task")
            }
        case .recreate:
            break
        }
    }
}
