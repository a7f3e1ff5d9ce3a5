import CygniAWS
import CygniAWSSource
import CygniModel
import CygniRollout
import Foundation

/// What the provider reads for the engine between minutes: both fleets' health, the new
/// version's stopped tasks, and whether someone else changed the service or its listeners.
extension TaskSetProvider {
    /// The inputs due at `now` (nothing when no read is due). `traffic` is the split the engine
    /// set; `checkOutside` is false while the engine's own writes are still being carried out,
    /// since the world may then rightly differ from the engine's state.
    public func observe(_ rollout: inout TaskSetRollout, plan: RolloutPlan, traffic: TrafficSplit, checkOutside: Bool, now: Date) async throws -> [EngineInput] {
        let healthDue = rollout.lastHealthRead.map { now.timeIntervalSince($0) >= timing.healthEvery } ?? true
        let outsideDue = checkOutside && (rollout.lastOutsideCheck.map { now.timeIntervalSince($0) >= timing.outsideCheckEvery } ?? true)
        guard healthDue || outsideDue else { return [] }
        let layout = rollout.layout
        guard let service = try await descriptions.describe(cluster: layout.cluster, service: layout.service) else {
            throw ProviderError("service \(layout.key) is gone")
        }
        var inputs: [EngineInput] = []
        if outsideDue {
            rollout.lastOutsideCheck = now
            if let change = try await outsideChange(rollout, service: service, traffic: traffic) {
                return [.outsideChange(change)]
            }
        }
        if healthDue {
            rollout.lastHealthRead = now
            inputs += try await health(rollout, service: service, plan: plan)
            if let events = try await stoppedTasks(&rollout, plan: plan), !events.isEmpty { inputs.append(.taskEvents(events)) }
        }
        return inputs
    }

    private func health(_ rollout: TaskSetRollout, service: ECSService, plan: RolloutPlan) async throws -> [EngineInput] {
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

    /// The new set's tasks that stopped since the last read: OOM kills and exit codes for
    /// self-healing. Nil before the set exists.
    private func stoppedTasks(_ rollout: inout TaskSetRollout, plan: RolloutPlan) async throws -> [TaskEvent]? {
        guard let setID = rollout.canaryTaskSetID, !rollout.canaryDeleted else { return nil }
        let layout = rollout.layout
        let ecs = ECSClient(client)
        let seen = Set(rollout.stoppedTasksSeen)
        let new = try await ecs.listTasks(cluster: layout.cluster, startedBy: setID, desiredStatus: "STOPPED").filter { !seen.contains($0) }
        guard !new.isEmpty else { return [] }
        let tasks = try await ecs.describeTasks(cluster: layout.cluster, tasks: new)
        rollout.stoppedTasksSeen = Array((rollout.stoppedTasksSeen + new).suffix(TaskSetRollout.stoppedTasksKept))
        return tasks.filter { $0.lastStatus == "STOPPED" || $0.desiredStatus == "STOPPED" }.map { task in
            TaskEvent(
                time: task.stoppedAt ?? Date(), service: plan.service, version: plan.toVersion,
                taskID: task.arn.split(separator: "/").last.map(String.init) ?? task.arn, kind: .stopped,
                exitCode: task.containers.first(where: { $0.exitCode != nil })?.exitCode, stoppedReason: task.stoppedReason)
        }
    }

    /// Someone else's change, or nil when the service and listeners are as the engine left them.
    private func outsideChange(_ rollout: TaskSetRollout, service: ECSService, traffic: TrafficSplit) async throws -> OutsideChange? {
        let layout = rollout.layout
        func present(_ arn: String?) -> Bool {
            service.taskSets.contains { $0.arn == arn && $0.status != "DRAINING" }
        }
        let canaryGone = rollout.canaryTaskSetARN != nil && !rollout.canaryDeleted && !present(rollout.canaryTaskSetARN)
        let stableGone = !rollout.stableDeleted && !present(layout.stableTaskSetARN)
        let sites = try await TrafficSites(client: client).sites(loadBalancerARN: layout.loadBalancerARN, forwardingTo: (layout.stableGroup, layout.canaryGroup))
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
}
