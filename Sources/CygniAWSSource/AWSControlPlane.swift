import CygniAWS
import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// Rollouts read from ECS and ELBv2, and the operator's commands carried out there: rollback
/// and abort put all traffic back on the stable side and delete the canary task set; promote
/// puts all traffic on the canary, makes it primary and deletes the old set. Pause and resume
/// need an engine stepping the rollout, which is not running here, so they are refused.
/// Deployments ECS runs itself (BLUE_GREEN, LINEAR, CANARY) are read from ECS's service
/// deployments and acted on through ECS: see `+ServiceDeployments` and `+ServiceDeploymentCommands`.
///
/// ECS forgets a rollout once one side is gone; this remembers the rollouts it saw end, for an
/// hour, so the Timeline can still show how they ended.
public actor AWSControlPlane {
    public let client: AWSClient
    /// The same account with a shorter timeout per request: a command's try should fail fast
    /// and be tried again rather than hang on one slow answer.
    let commandClient: AWSClient
    public let inventory: ServiceInventory
    let audit: AuditWriter?
    let now: @Sendable () -> Date
    /// The active rollout of each service at the last read, by "cluster/service".
    var lastSeen: [String: Rollout] = [:]
    private var ended: [String: Rollout] = [:]
    var operatorEvents: [String: [TimelineEvent]] = [:]
    /// What was seen of each deployment ECS runs, by rollout id: ECS tells only where it is now.
    var stageHistories: [String: StageHistory] = [:]
    /// What was last listed of each such service's deployments, by "cluster/service".
    var deploymentWatches: [String: DeploymentWatch] = [:]
    /// Outcomes by idempotency key, kept an hour: a repeated press gets the first answer,
    /// marked duplicate.
    var outcomes: [String: (outcome: CommandOutcome, at: Date)] = [:]
    var inFlight: [String: Task<CommandOutcome, Error>] = [:]
    /// What the tries of each command under way have learned, by idempotency key.
    var memories: [String: CommandMemory] = [:]
    /// Per-minute metrics of each rollout's sides, read again once a minute at most: they
    /// change once a minute, and CloudWatch bills per metric read.
    private var sideMetrics: [String: (at: Date, series: (stable: SideMetrics.Series, canary: SideMetrics.Series))] = [:]

    /// The weighted forwards of each pair of target groups, as last read for the split:
    /// listeners change only when someone moves traffic, so they are read again every 30 s
    /// and right after a command, not on every refresh. Commands always read them afresh.
    private var splitSites: [String: (at: Date, sites: [TrafficSite]?)] = [:]
    public static let listenersReadEvery: TimeInterval = 30

    /// The overlap of each task-set rollout at the last read, for the Cost pane.
    private var overlaps: [RolloutOverlapCost] = []

    public static let endedRolloutsKeptFor: TimeInterval = 3600

    /// - Parameter commandTimeout: seconds one request of a command may take before its try
    ///   fails and is made again.
    public init(
        client: AWSClient, inventory: ServiceInventory, audit: AuditWriter? = nil, commandTimeout: Double = 10,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.client = client
        commandClient = AWSClient(
            configuration: client.configuration, transport: client.transport, retryPolicy: client.retryPolicy,
            transferOptions: TransferOptions(
                connectTimeout: min(5, commandTimeout), timeout: commandTimeout, maxResponseBytes: client.transferOptions.maxResponseBytes,
                priority: .urgent),
            now: client.now, usage: client.usage)
        self.inventory = inventory
        self.audit = audit
        self.now = now
    }

    public nonisolated var controlPlaneClient: ControlPlaneClient {
        var client = ControlPlaneClient(
            rollouts: {
                do {
                    return try await self.rollouts()
                } catch let error as AWSError {
                    throw ClientError(error.description, isTransient: CommandStepFailure.isTransient(error), throttledAPI: throttled(error, by: "ECS"))
                }
            },
            perform: { command, retry, failed in try await self.perform(command, retry: retry, failed: failed) })
        // Engineers hold tokens for cygnid, not AWS write permissions for task sets and listeners.
        client.deploys = .refusing("AWS read directly")
        return client
    }

    // MARK: Reading

    public func rollouts() async throws -> [Rollout] {
        let time = now()
        sideMetrics = sideMetrics.filter { time.timeIntervalSince($0.value.at) < 600 }
        splitSites = splitSites.filter { time.timeIntervalSince($0.value.at) < Self.listenersReadEvery }
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
            let service = observed.first { "\($0.cluster)/\($0.service.name)" == key }
            if let described = await endedServiceDeployment(previous, service: service) {
                ended[previous.id] = described
            } else {
                ended[previous.id] = Self.ending(previous, service: service, now: time)
            }
        }
        lastSeen = Dictionary(current.map { (serviceKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        ended = ended.filter { time.timeIntervalSince($0.value.updatedAt) < Self.endedRolloutsKeptFor && lastSeen[serviceKey($0.value)]?.id != $0.key }
        // What is no longer shown is forgotten: every buffer here stays bounded.
        let shown = Set(lastSeen.values.map(\.id)).union(ended.keys)
        operatorEvents = operatorEvents.filter { shown.contains($0.key) }
        stageHistories = stageHistories.filter { shown.contains($0.key) }
        let services = Set(observed.map { "\($0.cluster)/\($0.service.name)" })
        deploymentWatches = deploymentWatches.filter { services.contains($0.key) }
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
        if observed.service.deploymentController == "ECS", observed.service.deploymentConfiguration?.isRunByECS == true {
            do {
                return try await serviceDeploymentRollout(observed, region: region, now: now)
            } catch {
                // The last read stays on the Timeline, saying why it is not fresh.
                guard var stale = lastSeen["\(observed.cluster)/\(observed.service.name)"], stale.ecsDeployment != nil else { return nil }
                stale.reason = "not read again: \(UnavailableReason.describe(error, service: "ECS", operation: "ecs:DescribeServiceDeployments"))"
                return stale
            }
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
                rollout.metricsError = "per-version metrics unavailable: \(UnavailableReason.describe(error, service: "CloudWatch", operation: "cloudwatch:GetMetricData"))"
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

    /// The weighted forwards between two target groups, nil when the groups sit behind no
    /// load balancer.
    func sites(stable: String, canary: String) async throws -> [TrafficSite]? {
        guard let balancer = try await inventory.loadBalancer(of: stable) else { return nil }
        return try await TrafficSites(client: client).sites(loadBalancerARN: balancer, forwardingTo: (stable, canary))
    }

    private func splitSites(stable: String, canary: String) async throws -> [TrafficSite]? {
        let key = "\(stable) \(canary)"
        if let known = splitSites[key], now().timeIntervalSince(known.at) < Self.listenersReadEvery { return known.sites }
        let sites = try await sites(stable: stable, canary: canary)
        splitSites[key] = (now(), sites)
        return sites
    }

    /// After a command the split is read from the listeners again at once.
    func listenersChanged() {
        splitSites = [:]
    }

    private func canaryWeight(_ pair: (stable: ECSTaskSet, canary: ECSTaskSet)) async throws -> Int? {
        guard let stable = pair.stable.loadBalancers.first?.targetGroupARN, let canary = pair.canary.loadBalancers.first?.targetGroupARN,
            let sites = try await splitSites(stable: stable, canary: canary), let site = sites.first,
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
}
