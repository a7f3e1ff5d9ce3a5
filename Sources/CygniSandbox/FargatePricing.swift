/// The size of one Fargate task.
struct TaskSize: Equatable, Sendable {
    var vCPU: Double
    var memoryGB: Double
}

/// Fargate on-demand prices, Linux/x86, us-east-1 (US dollars).
public enum FargatePricing {
    public static let perVCPUHour = 0.04048
    public static let perGBHour = 0.004445

    /// What one task of this size costs per hour: 0.25 vCPU / 0.5 GB is $0.01234.
    public static func hourly(vCPU: Double, memoryGB: Double) -> Double {
        vCPU * perVCPUHour + memoryGB * perGBHour
    }

    static func hourly(_ size: TaskSize) -> Double {
        hourly(vCPU: size.vCPU, memoryGB: size.memoryGB)
    }
}
