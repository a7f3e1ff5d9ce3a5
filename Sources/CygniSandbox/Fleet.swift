import CygniModel
import Foundation

/// One simulated Fargate task.
struct SimulatedTask: Equatable, Sendable {
    var id: String
    var launchedAt: Int
    var healthyAt: Int
    /// When the task will be killed for memory, for a version that leaks.
    var killAt: Int?

    func isHealthy(at second: Int) -> Bool { second >= healthyAt }
}

/// The tasks of one version of a service in one region, kept at the desired count the way the ECS
/// scheduler does: it replaces tasks that die, after a short back-off, and stops surplus ones.
struct Fleet: Equatable, Sendable {
    static let outOfMemoryReason = "OutOfMemoryError: Container killed due to memory usage"
    static let outOfMemoryExitCode = 137
    static let healthCheckWarningSeconds = 8

    let service: String
    let version: String
    /// Names the ECS deployment in scale-in reasons.
    let deploymentID: String
    var desired: Int
    private(set) var tasks: [SimulatedTask] = []
    private var nextLaunchAt = Int.min

    /// Tasks that already run when the world begins; they make no events.
    init(service: String, version: String, deploymentID: String, running: Int, rng: inout SeededGenerator) {
        self.service = service
        self.version = version
        self.deploymentID = deploymentID
        self.desired = running
        for _ in 0..<running {
            let launched = -rng.integer(3_600...86_400)
            tasks.append(SimulatedTask(id: rng.taskID(), launchedAt: launched, healthyAt: launched + 30, killAt: nil))
        }
    }

    var liveCount: Int { tasks.count }

    func healthyCount(at second: Int) -> Int {
        tasks.reduce(0) { $0 + ($1.isHealthy(at: second) ? 1 : 0) }
    }

    /// One second of the scheduler. Returns what happened, and how many healthy tasks were killed
    /// (their requests in flight fail).
    mutating func reconcile(
        second: Int, time: Date, profile: VersionProfile, rng: inout SeededGenerator
    ) -> (events: [TaskEvent], killedHealthy: Int) {
        var events: [TaskEvent] = []
        var killedHealthy = 0

        // A task running out of memory answers its health check too slowly shortly before it dies.
        for task in tasks {
            if let killAt = task.killAt, second == killAt - Self.healthCheckWarningSeconds, task.isHealthy(at: second) {
                events.append(
                    TaskEvent(time: time, service: service, version: version, taskID: task.id, kind: .healthCheckFailed))
            }
        }

        // Memory kills first: the kernel does not wait for the scheduler.
        tasks.removeAll { task in
            guard let killAt = task.killAt, second >= killAt else { return false }
            killedHealthy += task.isHealthy(at: second) ? 1 : 0
            events.append(
                TaskEvent(
                    time: time, service: service, version: version, taskID: task.id, kind: .stopped,
                    exitCode: Self.outOfMemoryExitCode, stoppedReason: Self.outOfMemoryReason))
            return true
        }
        if events.contains(where: \.isOutOfMemory) {
            // ECS throttles replacements of tasks that keep failing.
            nextLaunchAt = second + rng.integer(5...10)
        }

        if tasks.count > desired {
            // Scale in: tasks still starting go first, then the newest.
            let surplus = tasks.count - desired
            let order = tasks.indices.sorted { lhs, rhs in
                let lhsStarting = !tasks[lhs].isHealthy(at: second)
                let rhsStarting = !tasks[rhs].isHealthy(at: second)
                if lhsStarting != rhsStarting { return lhsStarting }
                return tasks[lhs].launchedAt > tasks[rhs].launchedAt
            }
            let leaving = Set(order.prefix(surplus))
            for index in leaving.sorted() {
                events.append(
                    TaskEvent(
                        time: time, service: service, version: version, taskID: tasks[index].id, kind: .stopped,
                        exitCode: 0, stoppedReason: "Scaling activity initiated by (deployment ecs-svc/\(deploymentID))"))
            }
            tasks = tasks.enumerated().filter { !leaving.contains($0.offset) }.map(\.element)
        } else if tasks.count < desired, second >= nextLaunchAt {
            for _ in tasks.count..<desired {
                let healthyAt = second + rng.integer(15...35)
                let killAt = profile.killAfterHealthy.map { healthyAt + rng.integer($0) }
                let task = SimulatedTask(id: rng.taskID(), launchedAt: second, healthyAt: healthyAt, killAt: killAt)
                tasks.append(task)
                events.append(TaskEvent(time: time, service: service, version: version, taskID: task.id, kind: .started))
            }
        }
        return (events, killedHealthy)
    }
}
