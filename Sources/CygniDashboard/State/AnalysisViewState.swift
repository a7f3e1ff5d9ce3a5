/// The analysis view of one rollout, opened by Enter on the Timeline or Traffic pane: which
/// rollout it shows (by id, so a reordered list does not swap it) and how far it is scrolled.
public struct AnalysisViewState: Equatable, Sendable {
    public var rolloutID: String
    /// The first line shown.
    public var scroll = 0

    public init(rolloutID: String, scroll: Int = 0) {
        self.rolloutID = rolloutID
        self.scroll = scroll
    }
}
