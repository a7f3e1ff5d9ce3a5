import CygniModel

/// Traffic that reached production after the engine set it: a bake, a threshold interval or a
/// promotion's hold counts from when the step's traffic really flows, so the judge compares
/// minutes in which the canary had its share.
extension EngineState {
    mutating func trafficArrived(_ split: TrafficSplit, _ out: inout StepOutput) {
        guard split == traffic else { return }
        switch phase {
        case .baking:
            clockStartedAt = out.now
        case .promoting where switchedAt != nil:
            switchedAt = out.now
        default:
            return
        }
        thresholdInterval = ThresholdInterval(start: out.now.timeIntervalSinceReferenceDate)
        note(.phase, .info, "\(split.canary)% of traffic on \(canary) now; the step's time counts from here", &out)
    }
}
