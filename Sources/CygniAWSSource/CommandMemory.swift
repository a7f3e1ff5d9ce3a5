/// What the tries of one operator command have learned and done so far, so a retry re-reads
/// AWS but does not forget: which target groups and task sets the rollout had (the canary set
/// may be gone by the next try), and which of the command's steps are already done.
struct CommandMemory: Sendable {
    var stableGroup: String?
    var canaryGroup: String?
    var stableTaskSet: String?
    var canaryTaskSet: String?
    /// Every listener shows the command's weights (read back after the write).
    var trafficSettled = false
    /// Promote: the canary task set is primary.
    var primarySwitched = false
    /// Rolling rollback: the task definition the redeploy was asked for.
    var redeployTo: String?
    /// A deployment ECS runs: which one, and the call sent to it (whose answer may be lost).
    var serviceDeploymentARN: String?
    var deploymentCallSent: ServiceDeploymentCall?
    /// Tries started.
    var attempts = 0
}
