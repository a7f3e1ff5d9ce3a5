import Foundation

/// How old a telemetry answer is: cygnid reads each source once per interval and serves every
/// request from that read, so a console can show its data's age as it would on the source.
public struct Freshness: Codable, Sendable, Equatable {
    /// The world's time when cygnid read it (virtual in the sandbox).
    public var readAt: Date
    /// Seconds since that read, on cygnid's own clock.
    public var ageSeconds: Double

    public init(readAt: Date, ageSeconds: Double) {
        self.readAt = readAt
        self.ageSeconds = ageSeconds
    }
}
