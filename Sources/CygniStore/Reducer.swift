/// The one shape of all logic: given the state and an action, change the state and say what
/// work should follow. A reducer never performs I/O; it returns effects for that.
public protocol Reducer<State, Action>: Sendable {
    associatedtype State: Equatable & Sendable
    associatedtype Action: Sendable

    func reduce(into state: inout State, action: Action) -> Effect<Action>
}
