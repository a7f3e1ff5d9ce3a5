import CygniModel
import Foundation

/// The engine's view of a rollout, in the model the console and `cx status` display.
extension EngineState {
    public var rollout: Rollout {
        var phases = phaseHistory.newest.map { $0 }
        if let last = phases.indices.last, phases[last].end != nil, !phase.isTerminal { phases[last].end = nil }
        return Rollout(
            id: plan.id, service: plan.service, environment: plan.environment, region: plan.region,
            strategy: plan.strategy.kind, phase: phase, fromVersion: plan.fromVersion, toVersion: plan.toVersion,
            traffic: traffic, step: stepIndex, steps: steps.map(\.canaryWeight), bakes: steps.map(\.bake), verdict: verdict, reason: reason,
            startedAt: startedAt, updatedAt: updatedAt, phases: phases, events: Array(timeline.newest),
            sides: [sideStats(.stable, .stable, plan.fromVersion), sideStats(.canary, .canary, plan.toVersion)],
            analysis: analysis
        )
    }

    private func sideStats(_ role: VersionStats.Role, _ side: Side, _ version: String) -> VersionStats {
        let fleet = fleets.fleet(version)
        let window = lastWindows[side]
        let seconds = window.map { $0.end.timeIntervalSince($0.start) } ?? 0
        let requests = Double(window?.requests ?? 0)
        return VersionStats(
            role: role, version: version,
            requestsPerSecond: seconds > 0 ? requests / seconds : 0,
            errorRate: requests > 0 ? Double(window?.errors ?? 0) / requests : 0,
            p99Milliseconds: window?.p99Milliseconds ?? 0,
            healthyTasks: fleet.healthy, totalTasks: fleet.desired,
            history: requestRateHistory[side]
        )
    }
}
