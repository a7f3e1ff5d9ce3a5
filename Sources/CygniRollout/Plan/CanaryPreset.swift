/// AWS CodeDeploy's ECS deployment configurations, by their AWS names.
public enum CanaryPreset: String, Equatable, Sendable, Codable, CaseIterable {
    case allAtOnce = "AllAtOnce"
    case canary10Percent5Minutes = "Canary10Percent5Minutes"
    case canary10Percent15Minutes = "Canary10Percent15Minutes"
    case linear10PercentEvery1Minutes = "Linear10PercentEvery1Minutes"
    case linear10PercentEvery3Minutes = "Linear10PercentEvery3Minutes"

    public var parameters: CanaryParameters {
        switch self {
        case .allAtOnce: return CanaryParameters(steps: [100], bake: 0, analyze: false)
        case .canary10Percent5Minutes: return CanaryParameters(steps: [10, 100], bake: 300)
        case .canary10Percent15Minutes: return CanaryParameters(steps: [10, 100], bake: 900)
        case .linear10PercentEvery1Minutes: return CanaryParameters(steps: Array(stride(from: 10, through: 100, by: 10)), bake: 60)
        case .linear10PercentEvery3Minutes: return CanaryParameters(steps: Array(stride(from: 10, through: 100, by: 10)), bake: 180)
        }
    }
}
