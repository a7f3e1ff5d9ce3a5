/// `GET /v1/rollouts`: newest first (by start, then id), filtered, one page at a time.
public struct RolloutPage: Codable, Sendable {
    public var rollouts: [RolloutDocument]
    public var nextCursor: NullableField<String>

    public init(rollouts: [RolloutDocument], nextCursor: NullableField<String>) {
        self.rollouts = rollouts
        self.nextCursor = nextCursor
    }
}
