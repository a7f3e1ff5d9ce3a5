import CygniAWS
import CygniModel

extension ECSDeploymentConfiguration {
    /// The production shifts ECS makes, in order, with ECS's defaults where the configuration is
    /// silent (canary 5% baking 10 minutes; linear steps of 10% baking 6); the last shift, to
    /// 100%, bakes `bakeTimeInMinutes`.
    public var productionShifts: [ECSDeploymentReport.Shift] {
        let last = ECSDeploymentReport.Shift(percent: 100, bakeMinutes: bakeTimeInMinutes ?? 0)
        switch strategy {
        case "CANARY":
            let percent = canaryPercent ?? 5
            guard percent < 100 else { return [last] }
            return [ECSDeploymentReport.Shift(percent: percent, bakeMinutes: canaryBakeMinutes ?? 10), last]
        case "LINEAR":
            // ECS takes steps of 3% at least; a smaller one is a configuration ECS refuses.
            let step = max(linearStepPercent ?? 10, 3)
            let count = Int((100 / step - 1e-9).rounded(.down))
            let steps = (0..<count).map { index in
                ECSDeploymentReport.Shift(percent: (step * Double(index + 1) * 10).rounded() / 10, bakeMinutes: linearStepBakeMinutes ?? 6)
            }
            return steps + [last]
        default:
            return [last]
        }
    }
}
