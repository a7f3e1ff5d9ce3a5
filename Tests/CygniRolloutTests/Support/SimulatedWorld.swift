import CygniModel
import CygniRollout
import Foundation

/// A minimal provider for scenario tests: fleets obey commands, tasks start after a delay, and
/// each version serves traffic with its own error rate, latency and crash behaviour.
struct SimulatedWorld {
    struct Truth {
        var errorRate = 0.001
        var latencyMedianMilliseconds = 80.0
        /// Seconds a task lives before it is OOM-killed; nil when it never is.
        var oomAfter: Double?
    }

    struct Task {
        var id: String
        var startedAt: Double
        var healthyAt: Double
    }

    var truths: [String: Truth]
    var requestsPerSecond = 1_000.0
    var startDelay = 20.0
    var metricsEvery = 1.0
    var random: SeededGenerator
    private(set) var fleets: [String: [Task]] = [:]
    private(set) var weights = TrafficSplit.allStable
    private var nextTask = 0
    private(set) var clock = 0.0

    init(seed: UInt64, stable: String, desired: Int, truths: [String: Truth]) {
        self.truths = truths
        random = SeededGenerator(seed: seed)
        fleets[stable] = (0..<desired).map { _ in makeTask(at: -100) }
    }

    private mutating func makeTask(at time: Double) -> Task {
        nextTask += 1
        return Task(id: "task-\(nextTask)", startedAt: time, healthyAt: time + startDelay + random.unit() * 5)
    }

    mutating func apply(_ commands: [ProviderCommand]) {
        for command in commands {
            switch command {
            case .createFleet(let version, let count):
                fleets[version] = (0..<count).map { _ in makeTask(at: clock) }
            case .scale(let version, let count):
                var tasks = fleets[version] ?? []
                if tasks.count > count { tasks.removeLast(tasks.count - count) }
                while tasks.count < count {
                    let task = makeTask(at: clock)
                    tasks.append(task)
                }
                fleets[version] = tasks
            case .setWeights(let split):
                weights = split
            case .deleteFleet(let version):
                fleets[version] = nil
            case .runHook:
                break
            case .replaceTask(let version, _):
                guard fleets[version] != nil else { continue }
                let task = makeTask(at: clock)
                fleets[version]?.append(task)
            }
        }
    }

    /// Advances one second and reports what happened, as engine inputs.
    mutating func advance(stable: String, canary: String, origin: Date) -> [EngineInput] {
        clock += 1
        let now = origin.addingTimeInterval(clock)
        var inputs: [EngineInput] = []
        var events: [TaskEvent] = []
        for (version, tasks) in fleets.sorted(by: { $0.key < $1.key }) {
            guard let oomAfter = truths[version]?.oomAfter else { continue }
            var kept: [Task] = []
            for task in tasks {
                if clock - task.startedAt >= oomAfter {
                    events.append(TaskEvent(
                        time: now, service: "checkout", version: version, taskID: task.id, kind: .stopped, exitCode: 137,
                        stoppedReason: "OutOfMemoryError: Container killed due to memory usage"
                    ))
                } else {
                    kept.append(task)
                }
            }
            fleets[version] = kept
        }
        if !events.isEmpty { inputs.append(.taskEvents(events)) }
        for version in [stable, canary] {
            let tasks = fleets[version] ?? []
            let healthy = tasks.filter { $0.healthyAt <= clock }.count
            inputs.append(.fleetHealth(FleetHealth(version: version, desired: tasks.count, running: tasks.count, healthy: healthy)))
        }
        if clock.truncatingRemainder(dividingBy: metricsEvery) == 0 {
            for (version, share) in [(stable, weights.stable), (canary, weights.canary)] where share > 0 {
                inputs.append(.metrics(window(version, share: Double(share) / 100, end: now)))
            }
        }
        return inputs
    }

    private mutating func window(_ version: String, share: Double, end: Date) -> MetricWindow {
        let truth = truths[version] ?? Truth()
        let requests = Int((requestsPerSecond * share * metricsEvery).rounded())
        let errors = random.binomial(requests, truth.errorRate)
        let sigma = 0.3
        let latencies = (0..<10).map { _ in truth.latencyMedianMilliseconds * exp(sigma * random.normal()) }
        let p99 = truth.latencyMedianMilliseconds * exp(sigma * 2.326)
        return MetricWindow(
            version: version, start: end.addingTimeInterval(-metricsEvery), end: end, requests: requests, errors: errors,
            slowRequests: random.binomial(requests, 0.001), p99Milliseconds: p99,
            // No error_rate datapoints: the engine derives them from the counts, as it will for the sandbox.
            samples: ["latency_ms": latencies]
        )
    }
}

/// Runs one rollout against a simulated world until it ends or `limit` seconds pass.
struct ScenarioRun {
    var state: EngineState
    var world: SimulatedWorld
    var commands: [ProviderCommand] = []
    var events: [TimelineEvent] = []
    var decisions: [AuditEntry] = []
    let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)

    init(plan: RolloutPlan, seed: UInt64, truths: [String: SimulatedWorld.Truth]) throws {
        state = try RolloutEngine.start(plan: plan, at: origin)
        world = SimulatedWorld(seed: seed, stable: plan.fromVersion, desired: plan.fleet.desiredCount, truths: truths)
    }

    /// Runs until the rollout ends or the world's clock reaches `limit` seconds.
    mutating func run(limit: Double = 4 * 3_600) {
        while !state.isTerminal, world.clock < limit {
            let second = world.clock + 1
            let now = origin.addingTimeInterval(second)
            for input in world.advance(stable: state.plan.fromVersion, canary: state.plan.toVersion, origin: origin) + [.tick] {
                let output = RolloutEngine.advance(&state, input: input, at: now)
                world.apply(output.commands)
                commands += output.commands
                events += output.events
                decisions += output.decisions
            }
        }
    }
}
