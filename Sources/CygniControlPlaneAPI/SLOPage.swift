import CygniModel

/// `GET /v1/slo`: every SLO with its burn-rate pairs, as the SLO pane shows them.
public struct SLOPage: Codable, Sendable {
    public var slos: [SLOStatus]
    public var freshness: Freshness

    public init(slos: [SLOStatus], freshness: Freshness) {
        self.slos = slos
        self.freshness = freshness
    }
}
