import CygniModel
import CygniTerminal
import Foundation

/// `cx deploy`: the plan and its cost as a person reads them before saying yes, the question
/// itself, and the JSON scripts get (`{"plan", "rollout"}`; `rollout` is null for a dry run).
public struct DeployReport: Encodable, Sendable {
    public var plan: DeployPreview
    public var rollout: Created?

    /// The rollout as `cx status --json` shows it, with its id.
    public struct Created: Encodable, Sendable {
        public var id: String
        public var status: StatusReport.Entry

        public func encode(to encoder: any Encoder) throws {
            try status.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(id, forKey: .id)
        }

        private enum Key: String, CodingKey { case id }
    }

    public init(plan: DeployPreview, rollout: Rollout? = nil, now: Date = Date()) {
        self.plan = plan
        self.rollout = rollout.map { Created(id: $0.id, status: StatusReport.Entry($0, now: now)) }
    }

    private enum CodingKeys: String, CodingKey { case plan, rollout }

    // `rollout` is written as null for a dry run, so scripts can rely on the key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan, forKey: .plan)
        try container.encode(rollout, forKey: .rollout)
    }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    /// "Deploy production/checkout v1.41.2 → v1.43.0, first step 5% of traffic? [y/N] "
    public var question: String {
        "Deploy \(clean(plan.service)) \(clean(plan.fromVersion)) → \(clean(plan.toVersion)), first step \(plan.steps.first?.canaryWeight ?? 100)% of traffic? [y/N] "
    }

    /// The plan, the judge, the SLOs and the cost, one fact a line.
    public func text() -> String {
        var lines = [
            "deploy \(clean(plan.service)) (\(clean(plan.environment)), \(clean(plan.region))): \(clean(plan.fromVersion)) → \(clean(plan.toVersion)), \(plan.strategy.rawValue)",
            "steps:",
        ]
        for (index, step) in plan.steps.enumerated() {
            let judged = step.analyzed ? ", then judged" : ""
            lines.append(
                "  \(index + 1). \(step.canaryWeight)% of traffic to \(step.canaryTasks) new task\(step.canaryTasks == 1 ? "" : "s") "
                    + "(\(step.stableTasks) running), bake \(Self.duration(step.bakeSeconds))\(judged)")
        }
        lines.append("health gate: \(plan.healthGate.minimumHealthyPercent)% of new tasks healthy within \(Self.duration(plan.healthGate.timeoutSeconds))")
        let analysis = plan.analysis
        let metrics = analysis.metrics.map { metric in
            "\(clean(metric.name)) (fails on \(clean(metric.direction))\(metric.critical ? ", critical" : ""), tolerance \(Self.percent(metric.tolerance)))"
        }
        lines.append("judged on: \(metrics.joined(separator: ", "))")
        lines.append(
            "judge: pass at score \(Self.number(analysis.passScore)), marginal at \(Self.number(analysis.marginalScore)), "
                + "confidence \(Self.number(analysis.confidence)), at least \(analysis.minimumSamples) datapoints a side")
        if let thresholds = analysis.thresholds {
            lines.append(
                "thresholds: success rate ≥ \(Self.percent(thresholds.minimumSuccessRate)), p99 ≤ \(Self.number(thresholds.maximumP99Milliseconds)) ms, "
                    + "checked every \(Self.duration(thresholds.intervalSeconds)), rollback after \(thresholds.failureLimit) failed checks")
        } else {
            lines.append("thresholds: off (the judge alone decides)")
        }
        let slos = plan.slos.map { slo in
            // The sandbox's names say the threshold already ("latency < 300 ms").
            let threshold = slo.latencyThresholdMilliseconds.map { "\(Self.number($0)) ms" }
            let latency = threshold.map { slo.name.contains($0) ? "" : " under \($0)" } ?? ""
            return "\(clean(slo.name)) \(Self.percent(slo.objective))\(latency) over \(slo.windowDays) days"
        }
        lines.append("guarded by SLOs: \(slos.joined(separator: ", "))\(plan.rollBackOnBurn ? "; a page-level burn rolls back" : "")")
        lines += costLines
        return lines.joined(separator: "\n")
    }

    private var costLines: [String] {
        let cost = plan.cost
        func fleet(_ fleet: CostChange.Fleet) -> String {
            "\(fleet.count) × \(Self.number(fleet.vCPU)) vCPU / \(Self.number(fleet.memoryGB)) GB"
        }
        let sign = cost.monthlyDelta >= 0 ? "+" : "-"
        var lines = [
            "cost: running \(fleet(cost.running)) $\(Self.money(cost.monthlyRunning))/month → new \(fleet(cost.new)) $\(Self.money(cost.monthlyNew))/month "
                + "(\(sign)$\(Self.money(abs(cost.monthlyDelta)))/month)",
            "overlap: both fleets for at least \(Self.duration(cost.overlapHours * 3_600)): +$\(Self.money(cost.overlapCost))",
        ]
        if let reason = cost.fallbackReason {
            var line = "prices: built-in Fargate table of \(cost.priceDate) (\(clean(cost.priceRegion)) list prices), because \(clean(reason))"
            if cost.region != cost.priceRegion { line += "; \(clean(cost.region)) prices differ by a few percent" }
            lines.append(line)
        } else {
            lines.append("prices: AWS Pricing API, fetched \(cost.priceDate) (\(clean(cost.region)))")
        }
        lines += cost.notes.map { "note: \(clean($0))" }
        return lines
    }

    private func clean(_ text: String) -> String { Sanitizer.clean(text) }

    /// "5m", "1h30m", "45s".
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3_600, total % 3_600 / 60, total % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    /// 0.999 as "99.9%".
    static func percent(_ share: Double) -> String {
        "\(number(share * 100))%"
    }

    /// 95 as "95", 0.98 as "0.98": no trailing zeros.
    static func number(_ value: Double) -> String {
        Format.trimmed(String(format: "%.4f", value))
    }

    static func money(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
