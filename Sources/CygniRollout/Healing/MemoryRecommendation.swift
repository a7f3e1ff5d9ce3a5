import CygniModel
import Foundation

/// "Raise memory to X": the next task size after repeated OOM kills, and what it costs.
public struct MemoryRecommendation: Equatable, Sendable, Codable {
    public var version: String
    public var oomKills: Int
    public var fromVCPU: Double
    public var fromMemoryGB: Double
    public var toVCPU: Double
    public var toMemoryGB: Double
    /// Extra spend for the whole fleet over a 730-hour month, in US dollars.
    public var monthlyCostDelta: Double

    /// At least double the memory, at the smallest Fargate size that allows it.
    public static func after(oomKills: Int, version: String, fleet: FleetSpec) -> MemoryRecommendation {
        let wanted = fleet.memoryGB * 2
        let size = FargateSizes.smallest(atLeastVCPU: fleet.vCPU, memoryGB: wanted)
            ?? (vCPU: max(fleet.vCPU, 16), memoryGB: min(120, max(wanted, fleet.memoryGB)))
        let prices = FargatePrices(fleet.architecture)
        let perTaskHour = (size.vCPU - fleet.vCPU) * prices.perVCPUHour + (size.memoryGB - fleet.memoryGB) * prices.perGBHour
        return MemoryRecommendation(
            version: version, oomKills: oomKills, fromVCPU: fleet.vCPU, fromMemoryGB: fleet.memoryGB,
            toVCPU: size.vCPU, toMemoryGB: size.memoryGB,
            monthlyCostDelta: perTaskHour * Double(fleet.desiredCount) * FargatePrices.hoursPerMonth
        )
    }

    public var summary: String {
        let cpu = toVCPU != fromVCPU ? " and vCPU from \(trim(fromVCPU)) to \(trim(toVCPU))" : ""
        let delta = (monthlyCostDelta * 100).rounded() / 100
        return "\(version) OOM-killed \(oomKills) times: raise memory from \(trim(fromMemoryGB)) GB to \(trim(toMemoryGB)) GB\(cpu) (+$\(String(format: "%.2f", delta)) per month)"
    }

    private func trim(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Fargate on-demand Linux prices in us-east-1, per hour, from the built-in dated table.
struct FargatePrices {
    static let hoursPerMonth = FargatePriceTable.hoursPerMonth
    let perVCPUHour: Double
    let perGBHour: Double

    init(_ architecture: FleetSpec.Architecture) {
        let table = FargatePriceTable.builtIn(architecture == .arm ? .arm : .x86)
        (perVCPUHour, perGBHour) = (table.vCPUHour, table.gbHour)
    }
}

/// The CPU and memory pairs Fargate accepts.
enum FargateSizes {
    static let memoryByVCPU: [(vCPU: Double, memoryGB: [Double])] = [
        (0.25, [0.5, 1, 2]),
        (0.5, [1, 2, 3, 4]),
        (1, Array(stride(from: 2.0, through: 8, by: 1))),
        (2, Array(stride(from: 4.0, through: 16, by: 1))),
        (4, Array(stride(from: 8.0, through: 30, by: 1))),
        (8, Array(stride(from: 16.0, through: 60, by: 4))),
        (16, Array(stride(from: 32.0, through: 120, by: 8))),
    ]

    static func smallest(atLeastVCPU vCPU: Double, memoryGB: Double) -> (vCPU: Double, memoryGB: Double)? {
        for row in memoryByVCPU where row.vCPU >= vCPU {
            if let memory = row.memoryGB.first(where: { $0 >= memoryGB }) { return (row.vCPU, memory) }
        }
        return nil
    }
}
