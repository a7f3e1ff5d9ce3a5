/// A command reached a replica that does not drive its rollout. It is already admitted in the
/// store, so the replica that does will carry it out on its next round; this one waits for the
/// answer there.
struct DrivenElsewhere: Error, CustomStringConvertible {
    let rolloutID: String

    var description: String { "rollout \(rolloutID) is driven by another replica" }
}
