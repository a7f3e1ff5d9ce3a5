import CygniModel
import Foundation

/// What the console reads. Readers never draw random numbers or change the world.
extension WorldState {
    /// Without `since`, this many of the newest log lines.
    static let recentLogsReturned = 2_000

    func rollouts() -> [Rollout] {
        ([star].compactMap { $0 } + finished).map { record in
            var rollout = record.rollout
            let deployment = deployments[record.deploymentIndex]
            rollout.sides = [
                stats(of: rollout.fromVersion, role: .stable, in: deployment),
                stats(of: rollout.toVersion, role: .canary, in: deployment),
            ]
            return rollout
        }
    }

    private func stats(of version: String, role: VersionStats.Role, in deployment: Deployment) -> VersionStats {
        guard let index = deployment.laneIndex(of: version) else {
            return VersionStats(
                role: role, version: version, requestsPerSecond: 0, errorRate: 0, p99Milliseconds: 0, healthyTasks: 0,
                totalTasks: 0)
        }
        let lane = deployment.lanes[index]
        return VersionStats(
            role: role, version: version, requestsPerSecond: lane.metrics.requestsPerSecond(),
            errorRate: lane.metrics.errorRate(), p99Milliseconds: lane.metrics.p99Milliseconds() ?? 0,
            healthyTasks: lane.fleet.healthyCount(at: second), totalTasks: lane.fleet.liveCount,
            history: lane.metrics.history())
    }

    /// Each service's SLOs over all its traffic, then the rollout engine's own view of the star
    /// rollout's SLOs: the burn it judges in the rollout's region, so the SLO pane shows what the
    /// engine acts on. Both rest on the same history (the engine is told the region's share of it
    /// when the rollout starts), so their budgets agree; they are not duplicates, since a burn in
    /// one region is diluted in the service-wide rows and not in the engine's. Once the rollout has ended, that view is
    /// kept as it was when the engine last judged it, and its name says so.
    func slos() -> [SLOStatus] {
        let services = ServiceSpec.all.enumerated().flatMap { index, spec in
            [SLOStatus.Kind.availability, .latency].map {
                SLOCalculator.status(service: spec.name, kind: $0, history: histories[index])
            }
        }
        guard let record = star, let engine = record.engine else { return services }
        let rollout = record.rollout
        let label = engine.isTerminal ? "\(rollout.region) rollout, at \(rollout.phase.rawValue)" : "\(rollout.region) rollout"
        let judged = engine.sloStatuses.map { status in
            var copy = status
            copy.name = "\(status.name) (\(label))"
            return copy
        }
        return services + judged
    }

    func traces(since: Date?) -> [Trace] {
        let all = traces.ordered
        guard let since else { return all }
        return all.filter { $0.start > since }
    }

    func logs(since: Date?) -> [LogEvent] {
        guard let since else {
            return (max(0, logs.count - Self.recentLogsReturned)..<logs.count).map { Self.read(logs[$0]) }
        }
        var result: [LogEvent] = []
        // Newest first until the cut-off, then put back in time order.
        var index = logs.count - 1
        while index >= 0, logs[index].timestamp > since {
            result.append(Self.read(logs[index]))
            index -= 1
        }
        return result.reversed()
    }

    /// A kept line as a reader gets it: a structured one (written without a level beside it)
    /// read by `LogLine` into its level, message and fields; a plain one as it is.
    static func read(_ written: LogEvent) -> LogEvent {
        guard written.level == nil else { return written }
        return LogEvent(
            line: written.message, timestamp: written.timestamp, group: written.group, stream: written.stream,
            service: written.service, traceID: written.traceID, spanID: written.spanID)
    }

    func costReport() -> CostReport {
        let now = self.now
        let services = ServiceSpec.all.enumerated().map { index, spec in
            let live = deployments.filter { $0.service == spec.name }
                .reduce(0) { total, deployment in total + deployment.lanes.reduce(0) { $0 + $1.fleet.liveCount } }
            let hourly = Double(live) * FargatePricing.hourly(spec.taskSize)
            return ledgers[index].report(service: spec.name, at: now, hourly: hourly)
        }
        var deltas: [RolloutCostDelta] = []
        if let record = star, record.isActive {
            let deployment = deployments[record.deploymentIndex]
            let live = deployment.lanes.reduce(0) { $0 + $1.fleet.liveCount }
            let extra = max(0, live - record.fullFleet)
            deltas.append(
                RolloutCostDelta(
                    service: record.rollout.service, extraTasks: extra,
                    perHour: Double(extra) * FargatePricing.hourly(deployment.spec.taskSize), soFar: record.overlapCost))
        }
        return CostReport(services: services, rolloutDeltas: deltas)
    }

    func allTaskEvents() -> [TaskEvent] {
        taskEvents.ordered
    }
}
