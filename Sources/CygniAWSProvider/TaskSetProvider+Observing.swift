import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// What the provider reads for the engine between minutes: both fleets' health, the new
/// version's stopped tasks, and whether someone else changed the service or its listeners.
/// The service, its stopped tasks and the forward's weights are read together with the other
/// rollouts' (`ServiceDescriptions`, `StoppedTasks`, `TrafficSiteReads`); target health, one
/// call per group, is read at full cadence only while the rollout is changing.
extension TaskSetProvider {
    /// The inputs due at `now` (nothing when no read is due). `traffic` is the split the engine
    /// set and `phase` where it is; `checkOutside` is false while the engine's own writes are
    /// still being carried out, since the world may then rightly differ from the engine's state.
    public func observe(
        _ rollout: inout AWSRollout, plan: RolloutPlan, traffic: TrafficSplit, phase: PhaseRecord, checkOutside: Bool, now: Date
    ) async throws -> [EngineInput] {
        let changing = Self.waitsOnHealth(phase.phase) || now.timeIntervalSince(phase.start) < timing.settling
            || endsSoon(phase, plan: plan, at: now)
        let setsEvery = changing ? timing.healthEvery : max(timing.healthEvery, timing.outsideCheckEvery)
        let setsDue = Self.due(rollout.lastHealthRead, every: setsEvery, at: now)
        let outsideDue = checkOutside && Self.due(rollout.lastOutsideCheck, every: timing.outsideCheckEvery, at: now)
        guard setsDue || outsideDue else { return [] }
        let layout = rollout.layout
        guard let service = try await descriptions.describe(cluster: layout.cluster, service: layout.service) else {
            throw ProviderError("service \(layout.key) is gone")
        }
        if outsideDue {
            rollout.lastOutsideCheck = now
            if let change = try await outsideChange(&rollout, service: service, traffic: traffic) {
                return [.outsideChange(change)]
            }
        }
        rollout.lastHealthRead = now
        let (events, seen) = try await stoppedTasks(rollout, plan: plan)
        let unsettled = changing || !events.isEmpty || Self.isShortOfTasks(service, rollout)
        var inputs: [EngineInput] = []
        if Self.due(rollout.lastTargetHealthRead, every: unsettled ? timing.healthEvery : timing.steadyHealthEvery, at: now) {
            inputs += try await health(rollout, service: service, plan: plan)
            rollout.lastTargetHealthRead = now
        }
        // Marked seen only once every read of the round worked, so a failed read loses no event.
        rollout.stoppedTasksSeen = seen
        if !events.isEmpty { inputs.append(.taskEvents(events)) }
        return inputs
    }

    /// The phases whose next step waits on fleet health: each needs it read as often as allowed.
    static func waitsOnHealth(_ phase: Phase) -> Bool {
        switch phase {
        case .pending, .provisioning, .shifting, .promoting, .rollingBack: true
        case .baking, .paused, .succeeded, .rolledBack, .failed: false
        }
    }

    /// Whether a bake ends within two health reads: the next step's gate then has fresh health.
    private func endsSoon(_ phase: PhaseRecord, plan: RolloutPlan, at now: Date) -> Bool {
        guard phase.phase == .baking else { return false }
        let steps = plan.steps
        guard steps.indices.contains(phase.step) else { return false }
        return now.timeIntervalSince(phase.start) >= steps[phase.step].bake - 2 * timing.healthEvery
    }

    private static func due(_ last: Date?, every seconds: Double, at now: Date) -> Bool {
        last.map { now.timeIntervalSince($0) >= seconds } ?? true
    }

    /// Whether ECS shows one of the rollout's task sets still starting or replacing tasks.
    private static func isShortOfTasks(_ service: ECSService, _ rollout: AWSRollout) -> Bool {
        service.taskSets.contains { set in
            (set.arn == rollout.layout.stableTaskSetARN || set.arn == rollout.canaryTaskSetARN)
                && (set.pendingCount > 0 || set.runningCount != set.computedDesiredCount || set.stabilityStatus == "STABILIZING")
        }
    }

    private func health(_ rollout: AWSRollout, service: ECSService, plan: RolloutPlan) async throws -> [EngineInput] {
        let layout = rollout.layout
        let elb = ELBv2Client(client)
        func fleet(_ arn: String?, group: String, version: String) async throws -> EngineInput? {
            guard let arn, let set = service.taskSets.first(where: { $0.arn == arn }) else { return nil }
            // The group holds exactly this set's tasks: its healthy targets are the set's healthy tasks.
            let healthy = try await elb.describeTargetHealth(targetGroupARN: group).filter { $0.state == "healthy" }.count
            return .fleetHealth(FleetHealth(version: version, desired: set.computedDesiredCount, running: set.runningCount, healthy: healthy))
        }
        var inputs: [EngineInput] = []
        if !rollout.stableDeleted, let stable = try await fleet(layout.stableTaskSetARN, group: layout.stableGroup, version: plan.fromVersion) {
            inputs.append(stable)
        }
        if !rollout.canaryDeleted, let canary = try await fleet(rollout.canaryTaskSetARN, group: layout.canaryGroup, version: plan.toVersion) {
            inputs.append(canary)
        }
        return inputs
    }

    /// The new set's tasks that stopped since the last read (OOM kills and exit codes, for
    /// self-healing), and what is seen once they are reported. None before the set exists.
    private func stoppedTasks(_ rollout: AWSRollout, plan: RolloutPlan) async throws -> (events: [TaskEvent], seen: [String]) {
        guard let setID = rollout.canaryTaskSetID, !rollout.canaryDeleted else { return ([], rollout.stoppedTasksSeen) }
        let seen = Set(rollout.stoppedTasksSeen)
        let new = try await stopped.stopped(cluster: rollout.layout.cluster, startedBy: setID).filter { !seen.contains($0.arn) }
        guard !new.isEmpty else { return ([], rollout.stoppedTasksSeen) }
        let events = new.map { task in
            TaskEvent(
                time: task.stoppedAt ?? Date(), service: plan.service, version: plan.toVersion,
                taskID: task.arn.split(separator: "/").last.map(String.init) ?? task.arn, kind: .stopped,
                exitCode: task.containers.first(where: { $0.exitCode != nil })?.exitCode, stoppedReason: task.stoppedReason)
        }
        return (events, Array((rollout.stoppedTasksSeen + new.map(\.arn)).suffix(AWSRollout.stoppedTasksKept)))
    }

    /// Someone else's change, or nil when the service and listeners are as the engine left them.
    private func outsideChange(_ rollout: inout AWSRollout, service: ECSService, traffic: TrafficSplit) async throws -> OutsideChange? {
        let layout = rollout.layout
        func present(_ arn: String?) -> Bool {
            service.taskSets.contains { $0.arn == arn && $0.status != "DRAINING" }
        }
        let canaryGone = rollout.canaryTaskSetARN != nil && !rollout.canaryDeleted && !present(rollout.canaryTaskSetARN)
        let stableGone = !rollout.stableDeleted && !present(layout.stableTaskSetARN)
        let sites = try await trafficSites(&rollout)
        var seen: [String] = []
        var observed = traffic
        if let site = sites.first, let stable = site.weight(of: layout.stableGroup), let canary = site.weight(of: layout.canaryGroup) {
            if stable + canary > 0 { observed = TrafficSplit(canary: Int((Double(canary) * 100 / Double(stable + canary)).rounded())) }
            seen.append("listener weights stable \(stable) / canary \(canary)")
        } else {
            seen.append("no listener forwards to both target groups")
            observed = canaryGone || !stableGone ? .allStable : .allCanary
        }
        if canaryGone { seen.append("the new task set \(rollout.canaryTaskSetID ?? "") is gone") }
        if stableGone { seen.append("the old task set \(layout.stableTaskSetID) is gone") }
        guard canaryGone || stableGone || observed != traffic || sites.isEmpty else { return nil }
        seen.append("cygnid had set stable \(traffic.stable) / canary \(traffic.canary)")
        return OutsideChange(traffic: observed, canaryGone: canaryGone, stableGone: stableGone, detail: seen.joined(separator: "; "))
    }

    /// The weighted forwards of both groups: those found before, read by ARN with the other
    /// rollouts'; when one is gone or no longer names both groups, or none was found yet, the
    /// whole load balancer is read again and what it holds now is kept.
    private func trafficSites(_ rollout: inout AWSRollout) async throws -> [TrafficSite] {
        let layout = rollout.layout
        let pair = (layout.stableGroup, layout.canaryGroup)
        if let addresses = rollout.trafficSites,
            let found = try await TrafficSiteReads.sites(at: addresses, forwardingTo: pair, actions: { try await siteReads.actions(at: $0) })
        {
            return found
        }
        let sites = try await TrafficSites(client: client).sites(loadBalancerARN: layout.loadBalancerARN, forwardingTo: pair)
        rollout.trafficSites = sites.map(TrafficSiteAddress.init)
        return sites
    }
}
