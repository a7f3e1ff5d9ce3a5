import CygniModel

/// A strategy with its parameters; `kind` is the name the contract uses.
public enum StrategyPlan: Equatable, Sendable, Codable {
    case blueGreen(BlueGreenParameters)
    case canary(CanaryParameters)
    case linear(LinearParameters)
    case rolling(RollingParameters)
    case recreate

    public var kind: Strategy {
        switch self {
        case .blueGreen: return .blueGreen
        case .canary: return .canary
        case .linear: return .linear
        case .rolling: return .rolling
        case .recreate: return .recreate
        }
    }
}

public struct BlueGreenParameters: Equatable, Sendable, Codable {
    public enum Switch: Equatable, Sendable, Codable {
        case allAtOnce
        /// Moves `stepPercent` more traffic to green every `interval` seconds.
        case linear(stepPercent: Int, interval: Double)
    }

    public var trafficSwitch: Switch
    /// A named check the provider runs against green before any traffic reaches it.
    public var preTrafficHook: String?
    /// Seconds at 100% green before the rollout counts as done.
    public var bake: Double
    /// Seconds blue is kept at full size after the switch, so a rollback is one weight change.
    public var rollbackWindow: Double

    public init(trafficSwitch: Switch = .allAtOnce, preTrafficHook: String? = nil, bake: Double = 300, rollbackWindow: Double = 900) {
        self.trafficSwitch = trafficSwitch
        self.preTrafficHook = preTrafficHook
        self.bake = bake
        self.rollbackWindow = rollbackWindow
    }
}

public struct CanaryParameters: Equatable, Sendable, Codable {
    /// Canary weights in increasing order; the last must be 100.
    public var steps: [Int]
    /// Seconds each step bakes before it is judged.
    public var bake: Double
    /// Judge each step with the canary analysis (else only health, thresholds and SLOs decide).
    public var analyze: Bool

    public init(steps: [Int] = [5, 25, 50, 100], bake: Double = 300, analyze: Bool = true) {
        self.steps = steps
        self.bake = bake
        self.analyze = analyze
    }

    public init(preset: CanaryPreset) {
        self = preset.parameters
    }
}

public struct LinearParameters: Equatable, Sendable, Codable {
    public var stepPercent: Int
    public var interval: Double
    public var analyze: Bool

    public init(stepPercent: Int = 10, interval: Double = 360, analyze: Bool = true) {
        self.stepPercent = stepPercent
        self.interval = interval
        self.analyze = analyze
    }
}

/// ECS rolling update: tasks are replaced in batches bounded by the two percentages.
public struct RollingParameters: Equatable, Sendable, Codable {
    /// Share of desired tasks that must stay healthy while old ones are stopped.
    public var minimumHealthyPercent: Int
    /// Ceiling on running tasks (old + new) as a share of desired.
    public var maximumPercent: Int
    /// Stop and roll back when the circuit breaker trips.
    public var circuitBreaker: Bool

    public init(minimumHealthyPercent: Int = 100, maximumPercent: Int = 200, circuitBreaker: Bool = true) {
        self.minimumHealthyPercent = minimumHealthyPercent
        self.maximumPercent = maximumPercent
        self.circuitBreaker = circuitBreaker
    }

    /// ECS's deployment circuit breaker: half the desired count, clamped to [3, 200].
    public static func circuitBreakerThreshold(desiredCount: Int) -> Int {
        min(200, max(3, (desiredCount + 1) / 2))
    }
}
