import CygniAWS
import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// Rollouts read from ECS and ELBv2, and the operator's commands carried out there: rollback
/// and abort put all traffic back on the stable side and delete the canary task set; promote
/// puts all traffic on the canary, makes it primary and deletes the old set. Pause and resume
/// need an engine stepping the rollout, which is not running here, so they are refused.
///
/// ECS forgets a rollout once one side is gone; this remembers the rollouts it saw end, for an
/// hour, so the Timeline can still show how they ended.
public actor AWSControlPlane {
    public let client: AWSClient
    public let inventory: ServiceInventory
    private let audit: AuditWriter?
    private let now: @Sendable () -> Date
    /// The active rollout of each service at the last read, by "cluster/service".
    private var lastSeen: [String: Rollout] = [:]
    private var ended: [String: Rollout] = [:]
    private var operatorEvents: [String: [TimelineEvent]] = [:]
    /// Outcomes by idempotency key, kept an hour: a repeated press gets the first answer,
    /// marked duplicate.
    private var outcomes: [String: (outcome: CommandOutcome, at: Date)] = [:]
    private var inFlight: [String: Task<(outcome: CommandOutcome, before: Rollout?, canaryAfter: Int), Error>] = [:]
    /// Per-minute metrics of each rollout's sides, read again once a minute at most: they
    /// change once a minute, and CloudWatch bills per metric read.
    private var sideMetrics: [String: (at: Date, series: (stable: SideMetrics.Series, canary: SideMetrics.Series))] = [:]

    /// The overlap of each task-set rollout at the last read, for the Cost pane.
    private var overlaps: [RolloutOverlapCost] = []

    public static let endedRolloutsKeptFor: TimeInterval = 3600

    public init(client: AWSClient, inventory: ServiceInventory, audit: AuditWriter? = nil, now: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.inventory = inventory
        self.audit = audit
        self.now = now
    }

    public nonisolated var controlPlaneClient: ControlPlaneClient {
        ControlPlaneClient(rollouts: { try await self.rollouts() }, perform: { try await self.perform($0) })
    }

    // MARK: Reading

    public func rollouts() async throws -> [Rollout] {
        let time = now()
        sideMetrics = sideMetrics.filter { time.timeIntervalSince($0.value.at) < 600 }
        let observed = try await inventory.services()
        var current: [Rollout] = []
        overlaps = observed.compactMap { observed in
            RolloutReading.taskSetPair(observed.service).map { pair in
                RolloutOverlapCost(
                    service: observed.service.name, taskDefinition: pair.canary.taskDefinition,
                    extraTasks: max(pair.canary.runningCount, pair.canary.computedDesiredCount), since: pair.canary.createdAt ?? time)
            }
        }
        for service in observed {
            if let rollout = await read(service, now: time) { current.append(rollout) }
        }
        func serviceKey(_ rollout: Rollout) -> String { "\(rollout.environment)/\(rollout.service)" }
        let currentIDs = Dictionary(current.map { (serviceKey($0), $0.id) }, uniquingKeysWith: { first, _ in first })
        // A rollout has ended when its service shows none, or another one (a rollback's redeploy).
        for (key, previous) in lastSeen where currentIDs[key] != previous.id && previous.isActive {
            ended[previous.id] = Self.ending(previous, service: observed.first { "\($0.cluster)/\($0.service.name)" == key }, now: time)
        }
        lastSeen = Dictionary(current.map { (serviceKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        ended = ended.filter { time.timeIntervalSince($0.value.updatedAt) < Self.endedRolloutsKeptFor && lastSeen[serviceKey($0.value)]?.id != $0.key }
        // What is no longer shown is forgotten: every buffer here stays bounded.
        let shown = Set(lastSeen.values.map(\.id)).union(ended.keys)
        operatorEvents = operatorEvents.filter { shown.contains($0.key) }
        outcomes = outcomes.filter { time.timeIntervalSince($0.value.at) < Self.endedRolloutsKeptFor }
        return (current + ended.values.sorted { $0.updatedAt < $1.updatedAt }).map { rollout in
            var rollout = rollout
            rollout.events = (rollout.events + (operatorEvents[rollout.id] ?? [])).sorted { $0.time < $1.time }
            return rollout
        }
    }

    /// One service's rollout. A load balancer that cannot be read costs this rollout its split
    /// (it says why), not every rollout its place on the Timeline.
    private func read(_ observed: ObservedService, now: Date) async -> Rollout? {
        let region = client.configuration.region ?? ""
        if let pair = RolloutReading.taskSetPair(observed.service) {
            let versions = (stable: await version(of: pair.stable.taskDefinition), canary: await version(of: pair.canary.taskDefinition))
            var weightError: String?
            let weight: Int?
            do {
                weight = try await canaryWeight(pair)
            } catch {
                (weight, weightError) = (nil, "traffic split unavailable: \(UnavailableReason.describe(error, service: "ELBv2", operation: "elasticloadbalancing:DescribeListeners"))")
            }
            var rollout = RolloutReading.taskSetRollout(observed, pair: pair, versions: versions, canaryWeight: weight, region: region, now: now)
            if let weightError { rollout.reason = weightError }
            await addSides(to: &rollout, pair: pair, now: now)
            return rollout
        }
        return RolloutReading.deploymentRollout(observed, region: region, now: now)
    }

    /// What each rollout under way costs on top of its stable fleet, from the last read.
    public func rolloutCostDeltas() async -> [RolloutCostDelta] {
        var deltas: [RolloutCostDelta] = []
        for overlap in overlaps where overlap.extraTasks > 0 {
            if let definition = try? await inventory.taskDefinition(overlap.taskDefinition), let delta = overlap.delta(definition, now: now()) {
                deltas.append(delta)
            }
        }
        return deltas
    }

    /// Each side's requests, errors and latency, and the canary judged on them. Without the
    /// metrics the rollout is still shown, saying why its sides are empty.
    private func addSides(to rollout: inout Rollout, pair: (stable: ECSTaskSet, canary: ECSTaskSet), now: Date) async {
        guard let stableGroup = pair.stable.loadBalancers.first?.targetGroupARN, let canaryGroup = pair.canary.loadBalancers.first?.targetGroupARN else {
            return
        }
        let series: (stable: SideMetrics.Series, canary: SideMetrics.Series)
        if let cached = sideMetrics[rollout.id], now.timeIntervalSince(cached.at) < 60 {
            series = cached.series
        } else {
            do {
                let stable = MetricTarget(targetGroupARN: stableGroup, loadBalancerARN: try await inventory.loadBalancer(of: stableGroup))
                let canary = MetricTarget(targetGroupARN: canaryGroup, loadBalancerARN: try await inventory.loadBalancer(of: canaryGroup))
                series = try await SideMetrics(client: client).series(stable: stable, canary: canary, now: now)
                sideMetrics[rollout.id] = (now, series)
            } catch {
                rollout.reason = rollout.reason ?? "per-version metrics unavailable: \(error)"
                return
            }
        }
        rollout.sides = [
            SideMetrics.stats(series.stable, role: .stable, version: rollout.fromVersion, taskSet: pair.stable),
            SideMetrics.stats(series.canary, role: .canary, version: rollout.toVersion, taskSet: pair.canary),
        ]
        guard let judgement = SideMetrics.judgement(stable: series.stable, canary: series.canary, at: now) else { return }
        rollout.verdict = judgement.verdict
        if judgement.verdict != .pass { rollout.reason = rollout.reason ?? judgement.reason }
    }

    private func version(of taskDefinition: String) async -> String {
        (try? await inventory.taskDefinition(taskDefinition)).map(VersionLabel.of) ?? VersionLabel.of(taskDefinitionARN: taskDefinition)
    }

    /// The weighted forwards between the two task sets' target groups, when there are any.
    private func sites(_ pair: (stable: ECSTaskSet, canary: ECSTaskSet)) async throws -> (stable: String, canary: String, [TrafficSite])? {
        guard let stable = pair.stable.loadBalancers.first?.targetGroupARN, let canary = pair.canary.loadBalancers.first?.targetGroupARN,
            let balancer = try await inventory.loadBalancer(of: stable)
        else { return nil }
        return (stable, canary, try await TrafficSites(client: client).sites(loadBalancerARN: balancer, forwardingTo: (stable, canary)))
    }

    private func canaryWeight(_ pair: (stable: ECSTaskSet, canary: ECSTaskSet)) async throws -> Int? {
        guard let (stable, canary, sites) = try await sites(pair), let site = sites.first,
            let stableWeight = site.weight(of: stable), let canaryWeight = site.weight(of: canary), stableWeight + canaryWeight > 0
        else { return nil }
        return Int((Double(canaryWeight) * 100 / Double(stableWeight + canaryWeight)).rounded())
    }

    /// A rollout ECS no longer shows: succeeded when its new side is now what the service runs.
    static func ending(_ rollout: Rollout, service: ObservedService?, now: Date) -> Rollout {
        let newSide = AWSRolloutID(rollout.id)?.newSide ?? ""
        let promoted: Bool
        if rollout.strategy == .rolling {
            promoted = service.map { VersionLabel.of(taskDefinitionARN: $0.service.taskDefinition) == rollout.toVersion } ?? false
        } else {
            promoted = service?.service.taskSets.contains { $0.status == "PRIMARY" && $0.id == newSide } ?? false
        }
        var ended = rollout
        ended.phase = promoted ? .succeeded : .rolledBack
        ended.traffic = promoted ? .allCanary : .allStable
        ended.updatedAt = now
        ended.phases.append(PhaseRecord(phase: ended.phase, step: rollout.step, start: now))
        ended.events.append(TimelineEvent(
            time: now, kind: .phase, severity: promoted ? .ok : .warning,
            message: promoted ? "\(rollout.toVersion) now serves all traffic" : "back on \(rollout.fromVersion); \(rollout.toVersion) is gone",
            actor: "ecs"
        ))
        return ended
    }

    // MARK: Commands

    /// Carries a command out once per idempotency key: a repeat, even one arriving while the
    /// first is still running, gets the first answer marked duplicate. A command that fails
    /// half-way is journaled as refused with the error, and may be sent again with the same key
    /// (every step is safe to repeat).
    public func perform(_ command: OperatorCommand) async throws -> CommandOutcome {
        let key = command.idempotencyKey
        if let first = outcomes[key]?.outcome {
            return CommandOutcome(accepted: first.accepted, duplicate: true, message: first.message)
        }
        if let running = inFlight[key] {
            let first = try await running.value.outcome
            return CommandOutcome(accepted: first.accepted, duplicate: true, message: first.message)
        }
        let task = Task { try await self.carryOut(command) }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        do {
            let result = try await task.value
            outcomes[key] = (result.outcome, now())
            record(command, result.outcome, before: result.before, canaryAfter: result.canaryAfter)
            return result.outcome
        } catch {
            let before = AWSRolloutID(command.rolloutID).flatMap { lastSeen[$0.serviceKey] }
            record(command, CommandOutcome(accepted: false, message: "failed: \(error)"), before: before, canaryAfter: -1)
            throw error
        }
    }

    private func carryOut(_ command: OperatorCommand) async throws -> (outcome: CommandOutcome, before: Rollout?, canaryAfter: Int) {
        guard let id = AWSRolloutID(command.rolloutID) else { throw ClientError("\(command.rolloutID) is not a rollout of this AWS source") }
        let (cluster, serviceName, newSide) = (id.cluster, id.service, id.newSide)
        guard let service = try await ECSClient(client).describeServices(cluster: cluster, services: [serviceName]).first else {
            throw ClientError("service \(serviceName) is not in cluster \(cluster)")
        }
        let before = lastSeen[id.serviceKey]
        if let pair = RolloutReading.taskSetPair(service), pair.canary.id == newSide {
            let (outcome, canaryAfter) = try await performOnTaskSets(command.kind, pair, cluster: cluster, service: serviceName)
            return (outcome, before, canaryAfter)
        }
        if let rolling = RolloutReading.deploymentRollout(ObservedService(cluster: cluster, service: service), region: "", now: now()),
            rolling.id == command.rolloutID, rolling.isActive
        {
            let (outcome, canaryAfter) = try await performOnDeployments(command.kind, service, cluster: cluster)
            return (outcome, before, canaryAfter)
        }
        return (CommandOutcome(accepted: false, message: "the rollout has already ended"), before, -1)
    }

    private func performOnTaskSets(
        _ kind: OperatorCommand.Kind, _ pair: (stable: ECSTaskSet, canary: ECSTaskSet), cluster: String, service: String
    ) async throws -> (CommandOutcome, Int) {
        let ecs = ECSClient(client)
        switch kind {
        case .rollback, .abort, .promote:
            let toCanary = kind == .promote
            guard let (stable, canary, sites) = try await sites(pair), !sites.isEmpty else {
                return (CommandOutcome(accepted: false, message: "no ALB listener splits traffic between the task sets; nothing changed"), -1)
            }
            // All sites are checked before any is written, so traffic is never left half moved.
            if let crowded = sites.first(where: { $0.actions.count != 1 }) {
                return (CommandOutcome(
                    accepted: false,
                    message: "\(crowded.ruleARN ?? crowded.listenerARN) forwards alongside \(crowded.actions.count - 1) other action(s); cx rewrites a lone weighted forward only; nothing changed"
                ), -1)
            }
            // Traffic first: the moment the weights change, users are on the chosen side.
            try await TrafficSites(client: client).apply([stable: toCanary ? 0 : 100, canary: toCanary ? 100 : 0], to: sites)
            // The side left without traffic still runs tasks; `force` deletes a set not yet scaled to zero.
            if toCanary {
                _ = try await ecs.updateServicePrimaryTaskSet(cluster: cluster, service: service, primaryTaskSet: pair.canary.arn)
                _ = try await ecs.deleteTaskSet(cluster: cluster, service: service, taskSet: pair.stable.arn, force: true)
                return (CommandOutcome(accepted: true, message: "all traffic on the canary on \(sites.count) listener(s); it is primary, the old task set is deleted"), 100)
            }
            _ = try await ecs.deleteTaskSet(cluster: cluster, service: service, taskSet: pair.canary.arn, force: true)
            return (CommandOutcome(accepted: true, message: "all traffic on stable on \(sites.count) listener(s); the canary task set is deleted"), 0)
        case .pause, .resume:
            return (CommandOutcome(accepted: false, message: "\(kind.rawValue) needs a rollout engine stepping this rollout; on AWS cx moves traffic only when asked"), -1)
        }
    }

    private func performOnDeployments(_ kind: OperatorCommand.Kind, _ service: ECSService, cluster: String) async throws -> (CommandOutcome, Int) {
        guard kind == .rollback || kind == .abort, let old = RolloutReading.deploymentPair(service)?.old else {
            return (CommandOutcome(accepted: false, message: "an ECS rolling deployment moves on its own; only rollback is available"), -1)
        }
        _ = try await ECSClient(client).updateService(cluster: cluster, service: service.name, taskDefinition: old.taskDefinition, forceNewDeployment: true)
        return (CommandOutcome(accepted: true, message: "redeploying \(VersionLabel.of(taskDefinitionARN: old.taskDefinition))"), 0)
    }

    /// The Timeline line and the audit journal entry of a command, accepted or not.
    private func record(_ command: OperatorCommand, _ outcome: CommandOutcome, before: Rollout?, canaryAfter: Int) {
        let time = now()
        let fromCanary = before?.traffic.canary ?? 0
        let toCanary = canaryAfter < 0 ? fromCanary : canaryAfter
        operatorEvents[command.rolloutID, default: []].append(TimelineEvent(
            time: time, kind: .operatorAction, severity: outcome.accepted ? .info : .warning,
            message: "\(command.kind.rawValue)\(outcome.accepted ? "" : " refused"): \(outcome.message)", actor: command.actor
        ))
        let fromPhase = before?.phase ?? .shifting
        let toPhase: Phase = !outcome.accepted ? fromPhase : command.kind == .promote ? .succeeded : command.kind == .abort ? .failed : .rolledBack
        try? audit?.append([AuditEntry(
            time: time, rolloutID: command.rolloutID, service: command.service, actor: command.actor, action: command.kind.rawValue,
            reason: outcome.accepted ? command.reason : [command.reason, outcome.message].compactMap { $0 }.joined(separator: "; "),
            fromPhase: fromPhase, toPhase: toPhase,
            fromCanaryPercent: fromCanary, toCanaryPercent: toCanary, accepted: outcome.accepted
        )])
    }
}
