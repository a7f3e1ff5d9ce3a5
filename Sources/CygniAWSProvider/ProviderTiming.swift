/// How often the provider reads what it observes. ECS and ELBv2 reads are cheap but rate
/// limited per account; ALB metrics change once a minute and arrive a minute or two late.
public struct ProviderTiming: Equatable, Sendable, Codable {
    /// Seconds between reads of the task sets and target health.
    public var healthEvery: Double
    /// Seconds between comparisons of the listeners and task sets with what the engine expects.
    public var outsideCheckEvery: Double
    /// Seconds a minute of ALB metrics is given to arrive before it is read (once).
    public var metricsLag: Double

    public init(healthEvery: Double = 5, outsideCheckEvery: Double = 10, metricsLag: Double = 120) {
        self.healthEvery = healthEvery
        self.outsideCheckEvery = outsideCheckEvery
        self.metricsLag = metricsLag
    }
}
