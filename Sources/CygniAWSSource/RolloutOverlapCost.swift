import CygniAWS
import CygniModel
import Foundation

/// What a task-set rollout costs while both fleets run: the canary's tasks come on top of the
/// stable fleet, at Fargate on-demand prices (the built-in dated table: the console does not
/// ask the Pricing API on every refresh).
struct RolloutOverlapCost: Sendable, Equatable {
    var service: String
    var taskDefinition: String
    var extraTasks: Int
    var since: Date

    func delta(_ definition: ECSTaskDefinition, now: Date) -> RolloutCostDelta? {
        // Task-level cpu is in CPU units (1024 a vCPU), memory in MiB; both are required on Fargate.
        guard let units = definition.cpu.flatMap(Double.init), let mebibytes = definition.memory.flatMap(Double.init) else { return nil }
        let table = FargatePriceTable.builtIn(definition.cpuArchitecture == "ARM64" ? .arm : .x86)
        let perHour = table.hourly(vCPU: units / 1024, memoryGB: mebibytes / 1024, count: extraTasks)
        return RolloutCostDelta(
            service: service, extraTasks: extraTasks, perHour: perHour, soFar: perHour * max(0, now.timeIntervalSince(since)) / 3600
        )
    }
}
