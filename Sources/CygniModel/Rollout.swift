import Foundation

/// One release of a service moving from a stable version to a new one.
public struct Rollout: Equatable, Sendable, Codable, Identifiable {
    public var id: String
    public var service: String
    public var environment: String
    public var region: String
    public var strategy: Strategy
    public var phase: Phase
    public var fromVersion: String
    public var toVersion: String
    public var traffic: TrafficSplit
    /// Index of the current step in `steps` (0-based).
    public var step: Int
    /// The canary weight of each step, for display of the plan.
    public var steps: [Int]
    /// Seconds each step holds once its traffic has moved, beside `steps`; empty when the source
    /// does not know the plan's timing (AWS without the engine).
    public var bakes: [Double]
    public var verdict: Verdict
    public var reason: String?
    public var startedAt: Date
    public var updatedAt: Date
    public var phases: [PhaseRecord]
    public var events: [TimelineEvent]
    /// Per side of the split: the stable (or blue) fleet first, the canary (or green) second.
    public var sides: [VersionStats]
    /// Why `sides` are empty or old: the per-side metrics could not be read. The Traffic pane
    /// says so; it is not a reason about the rollout itself.
    public var metricsError: String?
    /// Set when ECS itself runs the rollout (strategy BLUE_GREEN, LINEAR or CANARY): its stage,
    /// hooks, monitors and plan as ECS says them.
    public var ecsDeployment: ECSDeploymentReport?
    /// The evidence behind the verdicts, from the engine that judges this rollout.
    public var analysis: RolloutAnalysis?
    /// Why `analysis` is nil: nothing judges this rollout here, or its judgements were not kept.
    public var analysisNote: String?

    public init(
        id: String, service: String, environment: String, region: String, strategy: Strategy,
        phase: Phase, fromVersion: String, toVersion: String, traffic: TrafficSplit, step: Int,
        steps: [Int], bakes: [Double] = [], verdict: Verdict = .none, reason: String? = nil, startedAt: Date, updatedAt: Date,
        phases: [PhaseRecord] = [], events: [TimelineEvent] = [], sides: [VersionStats] = [], metricsError: String? = nil,
        ecsDeployment: ECSDeploymentReport? = nil, analysis: RolloutAnalysis? = nil, analysisNote: String? = nil
    ) {
        self.id = id
        self.service = service
        self.environment = environment
        self.region = region
        self.strategy = strategy
        self.phase = phase
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.traffic = traffic
        self.step = step
        self.steps = steps
        self.bakes = bakes
        self.verdict = verdict
        self.reason = reason
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.phases = phases
        self.events = events
        self.sides = sides
        self.metricsError = metricsError
        self.ecsDeployment = ecsDeployment
        self.analysis = analysis
        self.analysisNote = analysisNote
    }

    /// Whether operator commands can still change this rollout.
    public var isActive: Bool { !phase.isTerminal }
}

public enum Strategy: String, Equatable, Sendable, Codable, CaseIterable {
    case blueGreen, canary, linear, rolling, recreate

    /// Names of the two sides of the split as people say them for this strategy.
    public var sideNames: (stable: String, canary: String) {
        switch self {
        case .blueGreen: return ("blue", "green")
        case .canary, .linear: return ("stable", "canary")
        case .rolling, .recreate: return ("old", "new")
        }
    }
}

public enum Phase: String, Equatable, Sendable, Codable, CaseIterable {
    case pending, provisioning, shifting, baking, promoting, succeeded, paused, rollingBack, rolledBack, failed

    public var isTerminal: Bool {
        switch self {
        case .succeeded, .rolledBack, .failed: return true
        default: return false
        }
    }
}

public enum Verdict: String, Equatable, Sendable, Codable, CaseIterable {
    case pass, marginal, fail, inconclusive, none
}

/// Traffic between the stable and the canary side; integers 0-100 that always sum to 100.
public struct TrafficSplit: Equatable, Sendable, Codable {
    public private(set) var stable: Int
    public private(set) var canary: Int

    /// Clamps `canary` into 0...100; the stable share is the rest.
    public init(canary: Int) {
        let clamped = min(100, max(0, canary))
        self.canary = clamped
        self.stable = 100 - clamped
    }

    public static let allStable = TrafficSplit(canary: 0)
    public static let allCanary = TrafficSplit(canary: 100)
}

/// When a rollout entered a phase, and when it left it (nil while current).
public struct PhaseRecord: Equatable, Sendable, Codable {
    public var phase: Phase
    public var step: Int
    public var start: Date
    public var end: Date?

    public init(phase: Phase, step: Int, start: Date, end: Date? = nil) {
        self.phase = phase
        self.step = step
        self.start = start
        self.end = end
    }
}

/// Something that happened during a rollout, in the order it happened.
public struct TimelineEvent: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        case phase, healthGate, analysis, taskFailure, operatorAction, automaticAction, info
    }

    public enum Severity: String, Equatable, Sendable, Codable, CaseIterable {
        case info, ok, warning, error
    }

    public var time: Date
    public var kind: Kind
    public var severity: Severity
    public var message: String
    /// Who did it: "engine", "operator:<user>", "sandbox".
    public var actor: String

    public init(time: Date, kind: Kind, severity: Severity = .info, message: String, actor: String = "engine") {
        self.time = time
        self.kind = kind
        self.severity = severity
        self.message = message
        self.actor = actor
    }
}

/// What one version of a service is doing right now.
public struct VersionStats: Equatable, Sendable, Codable {
    public enum Role: String, Equatable, Sendable, Codable, CaseIterable {
        case stable, canary
    }

    public var role: Role
    public var version: String
    public var requestsPerSecond: Double
    /// Fraction of requests that failed, 0...1.
    public var errorRate: Double
    public var p99Milliseconds: Double
    public var healthyTasks: Int
    public var totalTasks: Int
    /// Recent request rate samples, oldest first, for sparklines.
    public var history: [Double]

    public init(
        role: Role, version: String, requestsPerSecond: Double, errorRate: Double,
        p99Milliseconds: Double, healthyTasks: Int, totalTasks: Int, history: [Double] = []
    ) {
        self.role = role
        self.version = version
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.p99Milliseconds = p99Milliseconds
        self.healthyTasks = healthyTasks
        self.totalTasks = totalTasks
        self.history = history
    }
}
