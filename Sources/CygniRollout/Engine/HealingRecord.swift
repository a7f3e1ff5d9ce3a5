import Foundation

/// Failed tasks per version, the restarts waiting out their backoff, and OOM kills.
struct HealingRecord: Equatable, Sendable, Codable {
    struct Failure: Equatable, Sendable, Codable {
        var taskID: String
        var time: Date
        var failure: TaskFailure
        var detail: String
    }

    struct Restart: Equatable, Sendable, Codable {
        var version: String
        var taskID: String
        var due: Date
    }

    private(set) var recent: [String: [Failure]] = [:]
    private(set) var totalFailures: [String: Int] = [:]
    private(set) var oomKills: [String: Int] = [:]
    private(set) var restarts: [Restart] = []
    private(set) var droppedRestarts = 0
    static let restartLimit = 1_000
    static let recentLimit = 256

    /// Records a failure and schedules its restart; returns how many failures the version had in
    /// the window, or nil when this failure was already recorded (pollers repeat themselves).
    mutating func record(_ failure: Failure, version: String, policy: HealingPolicy) -> Int? {
        var list = recent[version, default: []]
        guard !list.contains(where: { $0.taskID == failure.taskID && $0.time == failure.time }) else { return nil }
        list.removeAll { failure.time.timeIntervalSince($0.time) >= policy.crashLoopWindow }
        list.append(failure)
        // A fleet failing faster than anyone can read must not grow the state without bound.
        if list.count > Self.recentLimit { list.removeFirst(list.count - Self.recentLimit) }
        recent[version] = list
        totalFailures[version, default: 0] += 1
        if failure.failure == .outOfMemory { oomKills[version, default: 0] += 1 }
        if restarts.count < Self.restartLimit {
            let due = failure.time.addingTimeInterval(policy.backoff(afterFailures: list.count))
            restarts.append(Restart(version: version, taskID: failure.taskID, due: due))
        } else {
            droppedRestarts += 1
        }
        return list.count
    }

    /// Restarts whose backoff has passed, removed from the schedule, in due order.
    mutating func takeDueRestarts(at now: Date) -> [Restart] {
        guard restarts.contains(where: { $0.due <= now }) else { return [] }
        let due = restarts.filter { $0.due <= now }.sorted { $0.due < $1.due }
        restarts.removeAll { $0.due <= now }
        return due
    }

    mutating func cancelRestarts(of version: String) {
        restarts.removeAll { $0.version == version }
    }

    mutating func cancelAllRestarts() {
        restarts.removeAll()
    }

    func recentFailures(_ version: String) -> [Failure] { recent[version] ?? [] }
}
