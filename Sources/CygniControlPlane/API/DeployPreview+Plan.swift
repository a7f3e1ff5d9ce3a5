import CygniModel
import CygniRollout

extension DeployPreview {
    /// The preview of `plan`, which replaces `running`, priced with `quote`.
    init(service: String, plan: RolloutPlan, running: FleetSpec, quote: FargatePriceQuote) {
        let steps = plan.steps
        let analysis = plan.analysis
        // Both fleets run while the steps bake; blue-green keeps blue through its rollback window.
        var overlap = steps.map { (tasks: $0.canaryTasks, hours: $0.bake / 3_600, ofNewFleet: true) }
        if case .blueGreen(let parameters) = plan.strategy {
            overlap.append((tasks: running.desiredCount, hours: parameters.rollbackWindow / 3_600, ofNewFleet: false))
        }
        self.init(
            service: service, environment: plan.environment, region: plan.region, fromVersion: plan.fromVersion, toVersion: plan.toVersion,
            strategy: plan.strategy.kind,
            steps: steps.map {
                Step(canaryWeight: $0.canaryWeight, canaryTasks: $0.canaryTasks, stableTasks: $0.stableTasks, bakeSeconds: $0.bake, analyzed: $0.analyze)
            },
            analysis: Analysis(
                metrics: analysis.metrics.map { Metric(name: $0.name, direction: $0.direction.rawValue, critical: $0.critical, tolerance: $0.tolerance) },
                confidence: analysis.confidence, passScore: analysis.passScore, marginalScore: analysis.marginalScore,
                minimumSamples: analysis.minimumSamples,
                thresholds: analysis.thresholds.map {
                    Thresholds(minimumSuccessRate: $0.minimumSuccessRate, maximumP99Milliseconds: $0.maximumP99Milliseconds, intervalSeconds: $0.interval, failureLimit: $0.failureLimit)
                }),
            slos: plan.slos.map {
                Objective(name: $0.name, kind: $0.kind, objective: $0.objective, windowDays: $0.windowDays, latencyThresholdMilliseconds: $0.latencyThresholdMilliseconds)
            },
            healthGate: HealthGate(minimumHealthyPercent: plan.healthGate.minimumHealthyPercent, timeoutSeconds: plan.healthGate.timeout),
            rollBackOnBurn: plan.rollBackOnBurn,
            cost: CostChange(
                running: CostChange.Fleet(vCPU: running.vCPU, memoryGB: running.memoryGB, count: running.desiredCount),
                new: CostChange.Fleet(vCPU: plan.fleet.vCPU, memoryGB: plan.fleet.memoryGB, count: plan.fleet.desiredCount),
                overlap: overlap, quote: quote, region: plan.region))
    }
}
