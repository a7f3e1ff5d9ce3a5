/// How failed tasks are restarted and when failures add up to a crash loop.
public struct HealingPolicy: Equatable, Sendable, Codable {
    /// Failures of the new version within `crashLoopWindow` seconds that make a crash loop.
    public var crashLoopFailures: Int
    public var crashLoopWindow: Double
    /// First restart delay in seconds; it doubles with each failure in the window, up to the cap.
    public var backoffBase: Double
    public var backoffCap: Double
    /// OOM kills of one version before the engine recommends more memory.
    public var oomKillsBeforeRecommendation: Int

    public init(crashLoopFailures: Int = 3, crashLoopWindow: Double = 600, backoffBase: Double = 10, backoffCap: Double = 300, oomKillsBeforeRecommendation: Int = 2) {
        self.crashLoopFailures = crashLoopFailures
        self.crashLoopWindow = crashLoopWindow
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.oomKillsBeforeRecommendation = oomKillsBeforeRecommendation
    }

    /// Delay before restarting after the `failures`-th recent failure (1-based).
    public func backoff(afterFailures failures: Int) -> Double {
        min(backoffCap, backoffBase * Double(1 << min(20, max(0, failures - 1))))
    }

    func validate() throws(PlanError) {
        guard crashLoopFailures >= 1 else { throw PlanError("healing.crashLoopFailures", "must be at least 1") }
        guard crashLoopWindow > 0 else { throw PlanError("healing.crashLoopWindow", "must be positive") }
        guard backoffBase >= 0, backoffCap >= backoffBase else {
            throw PlanError("healing.backoffCap", "needs 0 <= backoffBase <= backoffCap")
        }
        guard oomKillsBeforeRecommendation >= 1 else { throw PlanError("healing.oomKillsBeforeRecommendation", "must be at least 1") }
    }
}
