import Foundation

/// `GET /v1/rollouts`: newest first (by start, then id), filtered, one page at a time, with the
/// world's time when it was read (virtual in the sandbox), which its rollouts' times count in.
public struct RolloutPage: Codable, Sendable {
    public var rollouts: [RolloutDocument]
    public var nextCursor: NullableField<String>
    /// Optional: cygnid before it did not say.
    public var now: Date?

    public init(rollouts: [RolloutDocument], nextCursor: NullableField<String>, now: Date? = nil) {
        self.rollouts = rollouts
        self.nextCursor = nextCursor
        self.now = now
    }
}
