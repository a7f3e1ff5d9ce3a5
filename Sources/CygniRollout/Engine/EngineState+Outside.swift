import CygniModel

/// Changes made outside the engine. The engine never fights them: it ends the rollout where the
/// world now is, journals what was seen, and asks for nothing more.
extension EngineState {
    static let outsideActor = "outside"

    mutating func observe(_ change: OutsideChange, _ out: inout StepOutput) {
        let before = traffic
        traffic = change.traffic
        pause = nil
        let ending: Phase
        let what: String
        if change.stableGone || (change.traffic.canary == 100 && !change.canaryGone) {
            ending = .succeeded
            what = "promoted outside cygnid"
        } else if change.canaryGone || change.traffic.canary == 0 {
            ending = .rolledBack
            what = "rolled back outside cygnid"
        } else {
            ending = .failed
            what = "traffic moved outside cygnid"
        }
        reason = "\(what): \(change.detail); cygnid will not move traffic for this rollout again"
        enter(ending, action: "outside-change", actor: Self.outsideActor, reason: reason, &out, trafficBefore: before)
    }
}
