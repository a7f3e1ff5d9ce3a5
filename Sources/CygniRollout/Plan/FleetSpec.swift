/// The size of one version's fleet and of each of its tasks, which is what a rollout pays for.
public struct FleetSpec: Equatable, Sendable, Codable {
    public enum Architecture: String, Equatable, Sendable, Codable {
        case x86, arm
    }

    public var desiredCount: Int
    public var vCPU: Double
    public var memoryGB: Double
    public var architecture: Architecture

    public init(desiredCount: Int, vCPU: Double = 0.25, memoryGB: Double = 0.5, architecture: Architecture = .x86) {
        self.desiredCount = desiredCount
        self.vCPU = vCPU
        self.memoryGB = memoryGB
        self.architecture = architecture
    }

    func validate() throws(PlanError) {
        guard (1...5_000).contains(desiredCount) else {
            throw PlanError("fleet.desiredCount", "must be 1-5000, got \(desiredCount)")
        }
        guard vCPU > 0, vCPU <= 16 else { throw PlanError("fleet.vCPU", "must be in (0, 16], got \(vCPU)") }
        guard memoryGB > 0, memoryGB <= 120 else {
            throw PlanError("fleet.memoryGB", "must be in (0, 120], got \(memoryGB)")
        }
    }
}

/// How long the new fleet may take to become healthy, and how healthy is healthy enough.
public struct HealthGate: Equatable, Sendable, Codable {
    /// Share of a fleet's desired tasks that must be healthy before traffic moves to it.
    public var minimumHealthyPercent: Int
    public var timeout: Double

    public init(minimumHealthyPercent: Int = 100, timeout: Double = 600) {
        self.minimumHealthyPercent = minimumHealthyPercent
        self.timeout = timeout
    }

    /// Healthy tasks needed out of `desired`; never zero for a fleet that should exist.
    func required(of desired: Int) -> Int {
        guard desired > 0 else { return 0 }
        return max(1, (desired * minimumHealthyPercent + 99) / 100)
    }

    func validate() throws(PlanError) {
        guard (1...100).contains(minimumHealthyPercent) else {
            throw PlanError("healthGate.minimumHealthyPercent", "must be 1-100, got \(minimumHealthyPercent)")
        }
        guard timeout > 0 else { throw PlanError("healthGate.timeout", "must be positive, got \(timeout)") }
    }
}
