/// Why a deploy cannot start on this service, said so a person can fix it: the service's
/// controller, its load balancer wiring, a rollout already under way.
public struct ProviderRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The request names something that does not exist or cannot be used (422).
        case invalid
        /// The service is busy or in a state that forbids it now (409).
        case conflict
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
