/// The stories the sandbox can tell; each one is a rollout of `checkout` in eu-west-1 with a known
/// ending, except `steady`, where nothing is being released.
public enum Scenario: String, CaseIterable, Sendable {
    /// A healthy blue-green release that promotes.
    case blueGreen = "blue-green"
    /// A healthy canary that passes every analysis and promotes.
    case canaryPass = "canary-pass"
    /// The new version answers with elevated 5xx; analysis fails and the engine rolls back.
    case canaryFail = "canary-fail"
    /// The new version exhausts a shared database pool, so both sides fail alike and analysis
    /// cannot see it; the SLO burns fast, pages, and the rollout is rolled back.
    case sloBurn = "slo-burn"
    /// The new version is OOM-killed in a loop; the crash loop rolls it back.
    case outOfMemory = "oom"
    /// No rollout in progress; the rest of the world goes on.
    case steady
}
