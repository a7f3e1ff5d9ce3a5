import CygniClients
import CygniModel
import CygniRollout
import Foundation

/// The whole simulated world as one value, moved forward one virtual second at a time. Everything
/// it does is a function of the configuration and the commands it received: no wall clock, no
/// system randomness, no dictionary iteration order.
struct WorldState: Sendable {
    static let tracesKept = 2_000
    static let logsKept = 20_000
    static let taskEventsKept = 5_000
    static let killsKept = 64

    let configuration: SandboxConfiguration
    /// Seconds simulated so far; the next step simulates second `second`.
    private(set) var second = 0
    /// The furthest time asked for, which may sit between two steps.
    private(set) var requestedSeconds = 0.0

    var deployments: [Deployment] = []
    /// Per service, in `ServiceSpec.all` order.
    var histories: [ServiceHistory] = []
    var ledgers: [CostLedger] = []
    /// The rollout the scenario is about, driven live.
    var star: RolloutRecord?
    /// Rollouts that ended before the world began.
    var finished: [RolloutRecord] = []
    let driver: any RolloutDriver

    var traces = BoundedBuffer<Trace>(capacity: tracesKept)
    /// Traces sampled during the current step, published together at its end.
    var pendingTraces: [Trace] = []
    var logs = BoundedBuffer<LogEvent>(capacity: logsKept)
    /// Log lines written but stamped after the current second; they appear when time reaches them.
    var pendingLogs: [LogEvent] = []
    var taskEvents = BoundedBuffer<TaskEvent>(capacity: taskEventsKept)
    /// Seconds at which the new version of the star rollout was OOM-killed.
    var canaryKills: [Int] = []
    var commands = CommandLedger()
    /// Counts lines written by flawed versions, so hostile lines come at a fixed rhythm.
    var flawedLines = 0

    var trafficRandom: SeededGenerator
    var taskRandom: SeededGenerator
    var telemetryRandom: SeededGenerator
    /// Ids of what deploys make, apart from the streams the scenario draws from.
    var deployRandom: SeededGenerator

    init(configuration: SandboxConfiguration, driver: any RolloutDriver = EngineDriver()) {
        self.configuration = configuration
        self.driver = driver
        let seed = configuration.seed
        trafficRandom = SeededGenerator(seed: seed, stream: "traffic")
        taskRandom = SeededGenerator(seed: seed, stream: "tasks")
        telemetryRandom = SeededGenerator(seed: seed, stream: "telemetry")
        deployRandom = SeededGenerator(seed: seed, stream: "deploys")
        var historyRandom = SeededGenerator(seed: seed, stream: "history")
        var idRandom = SeededGenerator(seed: seed, stream: "ids")
        let start = configuration.start
        let release = configuration.scenario.starRelease

        for spec in ServiceSpec.all {
            for region in Region.all {
                let isStar = release.map { $0.spec.name == spec.name && $0.region == region } ?? false
                let stable = release.flatMap { isStar ? $0.from : nil }
                    ?? VersionProfile.healthy(spec, version: CurrentVersions.version(of: spec.name))
                var lanes = [
                    VersionLane(
                        profile: stable,
                        fleet: Fleet(
                            service: spec.name, version: stable.version, deploymentID: idRandom.ecsDeploymentID(),
                            running: spec.tasksPerRegion, rng: &taskRandom))
                ]
                if isStar, let release {
                    lanes.append(
                        VersionLane(
                            profile: release.to,
                            fleet: Fleet(
                                service: spec.name, version: release.to.version,
                                deploymentID: idRandom.ecsDeploymentID(), running: 0, rng: &taskRandom)))
                }
                deployments.append(Deployment(spec: spec, region: region, lanes: lanes))
            }
            histories.append(PreHistory.requests(of: spec, before: start, rng: &historyRandom))
            let hourly = FargatePricing.hourly(spec.taskSize) * Double(spec.tasksPerRegion * Region.all.count)
            let spend = PreHistory.spend(hourly: hourly, before: start, rng: &historyRandom)
            ledgers.append(CostLedger(pastDays: spend.days, spentToday: spend.today, at: start))
        }

        finished = FinishedRollouts.make(start: start, deploymentIndex: deploymentIndex(of:in:), rng: &idRandom)
        if let release {
            let index = deploymentIndex(of: release.spec.name, in: release.region.name)
            let rollout = Rollout(
                id: "rl-\(idRandom.shortID())", service: release.spec.name, environment: ServiceSpec.environment,
                region: release.region.name, strategy: release.strategy, phase: .pending,
                fromVersion: release.from.version, toVersion: release.to.version, traffic: .allStable, step: 0,
                steps: release.steps, startedAt: start, updatedAt: start)
            var record = RolloutRecord(rollout: rollout, deploymentIndex: index, fullFleet: release.spec.tasksPerRegion)
            record.enter(.pending, at: start, message: "rollout of \(release.to.version) created", actor: "operator:deploy-bot")
            star = record
        }
        for record in [star].compactMap({ $0 }) + finished {
            deployments[record.deploymentIndex].tracksLatency = true
        }
        finished += PastRollouts.make(
            count: configuration.pastRollouts, start: start, deploymentIndex: deploymentIndex(of:in:), seed: seed)
        warmUp()
    }

    func deploymentIndex(of service: String, in region: String) -> Int {
        deployments.firstIndex { $0.service == service && $0.region.name == region } ?? 0
    }

    func serviceIndex(of service: String) -> Int {
        ServiceSpec.all.firstIndex { $0.name == service } ?? 0
    }

    var now: Date {
        configuration.start.addingTimeInterval(max(requestedSeconds, Double(second)))
    }

    func time(at second: Int) -> Date {
        configuration.start.addingTimeInterval(Double(second))
    }

    /// Five minutes of traffic before time zero, so the first frame already shows rates and p99s.
    private mutating func warmUp() {
        for index in deployments.indices {
            for past in -VersionMetrics.secondsKept..<0 {
                _ = deployments[index].serve(
                    second: past, time: time(at: past), killed: [], rng: &trafficRandom)
            }
        }
    }

    /// Simulates whole seconds up to `seconds`; asking for an earlier time does nothing.
    mutating func advance(to seconds: Double) {
        guard seconds.isFinite else { return }
        let target = Int(seconds.rounded(.down))
        while second < target { step() }
        requestedSeconds = max(requestedSeconds, seconds)
    }

    private mutating func step() {
        let now = time(at: second)
        if let record = star { apply(record) }

        var starEvents: [TaskEvent] = []
        for index in deployments.indices {
            var killed: [Int] = []
            for lane in deployments[index].lanes.indices {
                let profile = deployments[index].lanes[lane].profile
                let result = deployments[index].lanes[lane].fleet.reconcile(
                    second: second, time: now, profile: profile, rng: &taskRandom)
                killed.append(result.killedHealthy)
                taskEvents.append(contentsOf: result.events)
                writeStartupLogs(for: result.events, deployment: index, at: now)
                if index == star?.deploymentIndex {
                    starEvents += result.events
                    if lane == 1 {
                        canaryKills += result.events.filter(\.isOutOfMemory).map { _ in second }
                        if canaryKills.count > Self.killsKept { canaryKills.removeFirst(canaryKills.count - Self.killsKept) }
                    }
                }
            }
            let served = deployments[index].serve(
                second: second, time: now, killed: killed, rng: &trafficRandom)
            let service = serviceIndex(of: deployments[index].service)
            for lane in served {
                histories[service].add(RequestCounts(total: lane.requests, errors: lane.errors, slow: lane.slow))
            }
            writeTelemetry(for: index, served: served, at: now)
            accrueCost(of: index, at: now)
        }

        if var record = star, record.isActive {
            driver.advance(&record, observing: observation(of: record, events: starEvents, at: now))
            star = record
        }

        if (second + 1) % 60 == 0 {
            for index in histories.indices { histories[index].closeMinute() }
        }
        second += 1
        publishTraces()
        publishLogs(upTo: time(at: second))
    }

    /// The driver's wishes become the deployment's weight and fleet sizes.
    private mutating func apply(_ record: RolloutRecord) {
        let index = record.deploymentIndex
        deployments[index].canaryWeight = record.rollout.traffic.canary
        deployments[index].lanes[0].fleet.desired = record.stableDesired
        if deployments[index].lanes.count > 1 { deployments[index].lanes[1].fleet.desired = record.canaryDesired }
    }

    private func observation(of record: RolloutRecord, events: [TaskEvent], at now: Date) -> RolloutObservation {
        let deployment = deployments[record.deploymentIndex]
        func side(_ lane: VersionLane) -> SideObservation {
            SideObservation(
                version: lane.version, healthyTasks: lane.fleet.healthyCount(at: second),
                liveTasks: lane.fleet.liveCount,
                totals: lane.metrics.totals,
                metrics: lane.metrics)
        }
        // Minutes close at whole minutes since the start; the current one has counted this second.
        let sloHistory = record.engine != nil ? [] : SLOHistoryFeed.samples(
            of: histories[serviceIndex(of: record.rollout.service)], spec: deployment.spec, region: deployment.region,
            minuteEnd: time(at: second - second % 60), now: now)
        return RolloutObservation(
            second: second, time: now, stable: side(deployment.lanes[0]), canary: side(deployment.lanes[1]),
            taskEvents: events, canaryOutOfMemoryKills: canaryKills, sloHistory: sloHistory)
    }

    private mutating func accrueCost(of index: Int, at now: Date) {
        let deployment = deployments[index]
        let hourly = FargatePricing.hourly(deployment.spec.taskSize)
        let live = deployment.lanes.reduce(0) { $0 + $1.fleet.liveCount }
        ledgers[serviceIndex(of: deployment.service)].accrue(Double(live) * hourly / 3_600, at: now)
        if index == star?.deploymentIndex, var record = star, record.isActive {
            let extra = max(0, live - record.fullFleet)
            record.overlapCost += Double(extra) * hourly / 3_600
            star = record
        }
    }
}
