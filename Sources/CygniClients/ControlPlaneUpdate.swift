import CygniModel

/// What a control plane pushes as it happens (cygnid's event stream).
public enum ControlPlaneUpdate: Equatable, Sendable {
    /// The stream is open (again): from here on every change arrives, those missed while it
    /// was closed first.
    case connected
    /// A rollout changed. `rollout` is the rollout now, without its timeline (its `events` are
    /// empty); `newEvents` are the timeline's lines since the last change.
    case rolloutChanged(Rollout, newEvents: [TimelineEvent], eventID: String?)
    /// The stream closed or could not open; it is tried again in `retryIn` seconds.
    case disconnected(reason: String, retryIn: Double)
}
