/// Everything that decides how one rollout runs, fixed when it starts.
public struct RolloutPlan: Equatable, Sendable, Codable {
    public var id: String
    public var service: String
    public var environment: String
    public var region: String
    public var fromVersion: String
    public var toVersion: String
    public var strategy: StrategyPlan
    public var fleet: FleetSpec
    public var healthGate: HealthGate
    public var analysis: AnalysisPolicy
    public var slos: [SLOPolicy]
    /// Roll back on its own when a page-level burn starts and the new version explains it.
    public var rollBackOnBurn: Bool
    public var healing: HealingPolicy

    public init(
        id: String, service: String, environment: String = "production", region: String = "us-east-1",
        fromVersion: String, toVersion: String, strategy: StrategyPlan, fleet: FleetSpec = FleetSpec(desiredCount: 4),
        healthGate: HealthGate = HealthGate(), analysis: AnalysisPolicy = AnalysisPolicy(),
        slos: [SLOPolicy] = SLOPolicy.defaults, rollBackOnBurn: Bool = true, healing: HealingPolicy = HealingPolicy()
    ) {
        self.id = id
        self.service = service
        self.environment = environment
        self.region = region
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.strategy = strategy
        self.fleet = fleet
        self.healthGate = healthGate
        self.analysis = analysis
        self.slos = slos
        self.rollBackOnBurn = rollBackOnBurn
        self.healing = healing
    }

    /// Throws the first parameter that cannot work, naming it.
    public func validate() throws(PlanError) {
        guard !id.isEmpty else { throw PlanError("id", "must not be empty") }
        guard !service.isEmpty else { throw PlanError("service", "must not be empty") }
        guard !fromVersion.isEmpty else { throw PlanError("fromVersion", "must not be empty") }
        guard !toVersion.isEmpty else { throw PlanError("toVersion", "must not be empty") }
        guard fromVersion != toVersion else {
            throw PlanError("toVersion", "is the version already running (\(fromVersion))")
        }
        try fleet.validate()
        try healthGate.validate()
        try strategy.validate()
        try analysis.validate()
        for (index, slo) in slos.enumerated() { try slo.validate(at: index) }
        try healing.validate()
    }

    /// The compiled steps; the last one is the full switch.
    public var steps: [PlanStep] { strategy.steps(desiredCount: fleet.desiredCount) }
}
