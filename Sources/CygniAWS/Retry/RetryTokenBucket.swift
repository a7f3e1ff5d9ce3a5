/// The SDKs' standard-mode retry quota: every retry spends tokens, successes earn some back, and an
/// empty bucket means no more retries until the service recovers, so a struggling service is not
/// hammered by every caller's retries at once.
public final class RetryTokenBucket: Sendable {
    public static let capacity = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let successIncrement = 1

    private let tokens = Locked(RetryTokenBucket.capacity)

    public init() {}

    public var available: Int { tokens.withLock { $0 } }

    /// Takes `cost` tokens if there are enough.
    func acquire(_ cost: Int) -> Bool {
        tokens.withLock { tokens in
            guard tokens >= cost else { return false }
            tokens -= cost
            return true
        }
    }

    /// After a success: the retry's cost back when it took retries, one token otherwise.
    func recordSuccess(refunding cost: Int?) {
        tokens.withLock { tokens in
            tokens = min(Self.capacity, tokens + (cost ?? Self.successIncrement))
        }
    }
}
