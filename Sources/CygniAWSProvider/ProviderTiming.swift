/// How often the provider reads what it observes. ECS and ELBv2 reads are cheap but rate
/// limited per account (ELBv2 documents 10 Describe calls a second, in bursts of 40, for all of
/// an account's callers); ALB metrics change once a minute and arrive a minute or two late.
public struct ProviderTiming: Equatable, Sendable, Codable {
    /// Seconds between reads of the task sets, their stopped tasks and target health while the
    /// rollout is changing: the engine waits on a health gate, its phase changed (traffic moved,
    /// a set was made or resized) within the last `settling` seconds, or ECS shows a set short
    /// of its tasks.
    public var healthEvery: Double
    /// Seconds between comparisons of the listeners and task sets with what the engine expects;
    /// while nothing changes, the task sets and stopped tasks are read this often too.
    public var outsideCheckEvery: Double
    /// Seconds between reads of target health (DescribeTargetHealth, one call per target group)
    /// while nothing changes, as in a bake: the engine only shows it then.
    public var steadyHealthEvery: Double
    /// Seconds after a phase change during which everything is read at `healthEvery`: traffic
    /// just moved, the new tasks may falter.
    public var settling: Double
    /// Seconds a minute of ALB metrics is given to arrive before it is read (once).
    public var metricsLag: Double

    public init(healthEvery: Double = 5, outsideCheckEvery: Double = 10, steadyHealthEvery: Double = 300, settling: Double = 120, metricsLag: Double = 120) {
        self.healthEvery = healthEvery
        self.outsideCheckEvery = outsideCheckEvery
        self.steadyHealthEvery = steadyHealthEvery
        self.settling = settling
        self.metricsLag = metricsLag
    }
}
