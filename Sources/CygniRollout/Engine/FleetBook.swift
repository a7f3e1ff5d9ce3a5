/// What the engine asked of each version's fleet and what it last saw of it.
struct FleetBook: Equatable, Sendable, Codable {
    struct Fleet: Equatable, Sendable, Codable {
        var exists: Bool
        var desired: Int
        var healthy: Int
        var running: Int
    }

    private(set) var fleets: [String: Fleet] = [:]

    /// The stable fleet is already running at full size when a rollout starts.
    init(stableVersion: String, desiredCount: Int) {
        fleets[stableVersion] = Fleet(exists: true, desired: desiredCount, healthy: desiredCount, running: desiredCount)
    }

    func fleet(_ version: String) -> Fleet {
        fleets[version] ?? Fleet(exists: false, desired: 0, healthy: 0, running: 0)
    }

    mutating func observe(_ health: FleetHealth) {
        var fleet = fleet(health.version)
        fleet.healthy = health.healthy
        fleet.running = health.running
        fleets[health.version] = fleet
    }

    /// The command that brings a version's fleet to `count` tasks, or nil when it is there already.
    mutating func resize(_ version: String, to count: Int) -> ProviderCommand? {
        var fleet = fleet(version)
        defer { fleets[version] = fleet }
        if !fleet.exists {
            fleet.exists = true
            fleet.desired = count
            fleet.healthy = 0
            fleet.running = 0
            return .createFleet(version: version, count: count)
        }
        guard fleet.desired != count else { return nil }
        fleet.desired = count
        // What was healthy above the new size is gone; what is healthy below it is unknown yet.
        fleet.healthy = min(fleet.healthy, count)
        fleet.running = min(fleet.running, count)
        return .scale(version: version, count: count)
    }

    mutating func delete(_ version: String) -> ProviderCommand? {
        guard fleet(version).exists else { return nil }
        fleets[version] = Fleet(exists: false, desired: 0, healthy: 0, running: 0)
        return .deleteFleet(version: version)
    }
}
