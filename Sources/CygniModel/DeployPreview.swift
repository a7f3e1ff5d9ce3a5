/// What a deploy would do, before it is asked for: the plan the engine would run (steps, bakes,
/// the judge and its thresholds, the SLOs that guard it) and what it costs. cygnid answers it
/// for a dry run of `POST /v1/rollouts`; `cx deploy` shows it before asking.
public struct DeployPreview: Codable, Equatable, Sendable {
    /// CLUSTER/SERVICE, as the deploy named it.
    public var service: String
    public var environment: String
    public var region: String
    public var fromVersion: String
    public var toVersion: String
    public var strategy: Strategy
    public var steps: [Step]
    public var analysis: Analysis
    public var slos: [Objective]
    /// The share of the new fleet that must be healthy before traffic moves, and for how long
    /// the engine waits for it.
    public var healthGate: HealthGate
    /// Rolls back on its own when a page-level SLO burn starts and the new version explains it.
    public var rollBackOnBurn: Bool
    public var cost: CostChange

    public init(
        service: String, environment: String, region: String, fromVersion: String, toVersion: String, strategy: Strategy,
        steps: [Step], analysis: Analysis, slos: [Objective], healthGate: HealthGate, rollBackOnBurn: Bool, cost: CostChange
    ) {
        self.service = service
        self.environment = environment
        self.region = region
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.strategy = strategy
        self.steps = steps
        self.analysis = analysis
        self.slos = slos
        self.healthGate = healthGate
        self.rollBackOnBurn = rollBackOnBurn
        self.cost = cost
    }

    /// One traffic step: the canary's share, the fleets' sizes, and how long it bakes.
    public struct Step: Codable, Equatable, Sendable {
        public var canaryWeight: Int
        public var canaryTasks: Int
        public var stableTasks: Int
        public var bakeSeconds: Double
        /// Whether the canary judge decides the step at the end of its bake.
        public var analyzed: Bool

        public init(canaryWeight: Int, canaryTasks: Int, stableTasks: Int, bakeSeconds: Double, analyzed: Bool) {
            self.canaryWeight = canaryWeight
            self.canaryTasks = canaryTasks
            self.stableTasks = stableTasks
            self.bakeSeconds = bakeSeconds
            self.analyzed = analyzed
        }
    }

    /// The canary judge's settings and the per-interval threshold checks, overrides applied.
    public struct Analysis: Codable, Equatable, Sendable {
        public var metrics: [Metric]
        public var confidence: Double
        public var passScore: Double
        public var marginalScore: Double
        public var minimumSamples: Int
        /// Absent when the threshold checks are off.
        public var thresholds: Thresholds?

        public init(metrics: [Metric], confidence: Double, passScore: Double, marginalScore: Double, minimumSamples: Int, thresholds: Thresholds?) {
            self.metrics = metrics
            self.confidence = confidence
            self.passScore = passScore
            self.marginalScore = marginalScore
            self.minimumSamples = minimumSamples
            self.thresholds = thresholds
        }
    }

    /// A metric the judge compares between the two sides.
    public struct Metric: Codable, Equatable, Sendable {
        public var name: String
        /// The direction that fails the canary: increase, decrease or either.
        public var direction: String
        /// A critical metric that fails fails the whole judgement.
        public var critical: Bool
        /// A significant shift still passes while it is at most this share of the baseline.
        public var tolerance: Double

        public init(name: String, direction: String, critical: Bool, tolerance: Double) {
            self.name = name
            self.direction = direction
            self.critical = critical
            self.tolerance = tolerance
        }
    }

    /// Checks of the canary alone every interval; `failureLimit` failed checks roll it back.
    public struct Thresholds: Codable, Equatable, Sendable {
        public var minimumSuccessRate: Double
        public var maximumP99Milliseconds: Double
        public var intervalSeconds: Double
        public var failureLimit: Int

        public init(minimumSuccessRate: Double, maximumP99Milliseconds: Double, intervalSeconds: Double, failureLimit: Int) {
            self.minimumSuccessRate = minimumSuccessRate
            self.maximumP99Milliseconds = maximumP99Milliseconds
            self.intervalSeconds = intervalSeconds
            self.failureLimit = failureLimit
        }
    }

    /// An SLO whose burn rate guards the rollout.
    public struct Objective: Codable, Equatable, Sendable {
        public var name: String
        public var kind: SLOStatus.Kind
        public var objective: Double
        public var windowDays: Int
        public var latencyThresholdMilliseconds: Double?

        public init(name: String, kind: SLOStatus.Kind, objective: Double, windowDays: Int, latencyThresholdMilliseconds: Double?) {
            self.name = name
            self.kind = kind
            self.objective = objective
            self.windowDays = windowDays
            self.latencyThresholdMilliseconds = latencyThresholdMilliseconds
        }
    }

    public struct HealthGate: Codable, Equatable, Sendable {
        public var minimumHealthyPercent: Int
        public var timeoutSeconds: Double

        public init(minimumHealthyPercent: Int, timeoutSeconds: Double) {
            self.minimumHealthyPercent = minimumHealthyPercent
            self.timeoutSeconds = timeoutSeconds
        }
    }
}
