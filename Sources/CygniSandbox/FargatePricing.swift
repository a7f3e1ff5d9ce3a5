import CygniModel

/// The size of one Fargate task.
struct TaskSize: Equatable, Sendable {
    var vCPU: Double
    var memoryGB: Double
}

/// Fargate on-demand prices of the sandbox's tasks: Linux/x86, from the built-in table.
public enum FargatePricing {
    /// What one task of this size costs per hour: 0.25 vCPU / 0.5 GB is $0.01234.
    public static func hourly(vCPU: Double, memoryGB: Double) -> Double {
        FargatePriceTable.builtIn(.x86).hourly(vCPU: vCPU, memoryGB: memoryGB, count: 1)
    }

    static func hourly(_ size: TaskSize) -> Double {
        hourly(vCPU: size.vCPU, memoryGB: size.memoryGB)
    }
}
