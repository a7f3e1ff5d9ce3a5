/// The stories the sandbox can tell. Each one but `steady` is a release of `checkout` in eu-west-1
/// from v1.41.2 to v1.42.0 that starts at virtual time zero (pending for 30 s, then provisioning)
/// and ends the same way for every seed. Typical virtual times, over many seeds:
///
/// | scenario    | strategy   | what happens                                   | ends        |
/// |-------------|------------|------------------------------------------------|-------------|
/// | blue-green  | blue-green | green baked 5 min, judged pass, promoted        | ~400 s      |
/// | canary-pass | canary     | 5 -> 25 -> 50 -> 100, 5 min bakes, all pass     | ~1,340 s    |
/// | canary-fail | canary     | 5xx ~6% on canary; fails at the 5% judgement    | ~390 s      |
/// | canary-marginal | canary | latency x1.5 on canary; marginal at every step, rolled back after the 50% one | ~1,030 s |
/// | slo-burn    | canary     | passes at 5%, pages at 25% (545-605 s)          | ~600 s      |
/// | oom         | canary     | canary tasks OOM-killed; crash loop (120-175 s) | ~180 s      |
/// | steady      | none       | no rollout in progress                         | -           |
public enum Scenario: String, CaseIterable, Sendable {
    /// A healthy blue-green release that promotes.
    case blueGreen = "blue-green"
    /// A healthy canary that passes every analysis and promotes.
    case canaryPass = "canary-pass"
    /// The new version answers with elevated 5xx; analysis fails and the engine rolls back.
    case canaryFail = "canary-fail"
    /// The new version answers 1.5 times slower and no less often: latency is judged worse and
    /// errors are not, so every judgement is marginal (score 75); the engine carries on through
    /// the marginal steps and rolls back after the last judged one.
    case canaryMarginal = "canary-marginal"
    /// The new version exhausts a database pool shared with the stable side, so both sides fail
    /// alike and a canary-versus-stable comparison cannot see it; the availability SLO burns fast,
    /// pages, and the engine rolls back naming the SLO and the burn rate.
    case sloBurn = "slo-burn"
    /// The new version is OOM-killed in a loop; the crash loop rolls it back.
    case outOfMemory = "oom"
    /// No rollout in progress; the rest of the world goes on.
    case steady
}
