/// Fargate on-demand list prices built into cx, for when the Pricing API is not asked (or
/// cannot be): every figure computed from it says so, with the table's date.
public struct FargatePriceTable: Sendable, Equatable {
    public enum Architecture: String, Sendable, Equatable, CaseIterable {
        case x86, arm
    }

    /// When these prices were read from AWS's price list.
    public static let date = "2026-11-01"
    /// The region they are for; other regions differ by a few percent.
    public static let region = "us-east-1"
    /// Hours in AWS's billing month.
    public static let hoursPerMonth = 730.0

    public var vCPUHour: Double
    public var gbHour: Double
    /// Per GB-hour beyond the 20 GB included.
    public var storageGBHour: Double

    public init(vCPUHour: Double, gbHour: Double, storageGBHour: Double) {
        self.vCPUHour = vCPUHour
        self.gbHour = gbHour
        self.storageGBHour = storageGBHour
    }

    public static func builtIn(_ architecture: Architecture) -> FargatePriceTable {
        switch architecture {
        case .x86: return FargatePriceTable(vCPUHour: 0.04048, gbHour: 0.004445, storageGBHour: 0.000111)
        case .arm: return FargatePriceTable(vCPUHour: 0.03238, gbHour: 0.00356, storageGBHour: 0.000111)
        }
    }

    /// The hourly price of `count` tasks of this size.
    public func hourly(vCPU: Double, memoryGB: Double, count: Int, storageGB: Double = 20) -> Double {
        Double(count) * (vCPU * vCPUHour + memoryGB * gbHour + max(0, storageGB - 20) * storageGBHour)
    }
}
