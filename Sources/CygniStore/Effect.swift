/// Work a reducer asks the store to do after it has changed the state. Effects are values:
/// the reducer stays pure, and the store (or the TestStore) decides how to run them.
public struct Effect<Action: Sendable>: Sendable {
    public indirect enum Operation: Sendable {
        case none
        case run(@Sendable (Send<Action>) async -> Void)
        case merge([Effect<Action>])
        case cancel(EffectID)
        case cancellable(EffectID, cancelInFlight: Bool, Effect<Action>)
    }

    public let operation: Operation

    public init(operation: Operation) {
        self.operation = operation
    }

    public static var none: Effect { Effect(operation: .none) }

    /// Async work that may send any number of actions back to the store.
    public static func run(_ work: @escaping @Sendable (Send<Action>) async -> Void) -> Effect {
        Effect(operation: .run(work))
    }

    /// Runs the effects side by side.
    public static func merge(_ effects: Effect...) -> Effect {
        merge(effects)
    }

    public static func merge(_ effects: [Effect]) -> Effect {
        let live = effects.filter { !$0.isNone }
        switch live.count {
        case 0: return .none
        case 1: return live[0]
        default: return Effect(operation: .merge(live))
        }
    }

    /// Cancels every effect in flight that was registered under `id`.
    public static func cancel(id: EffectID) -> Effect {
        Effect(operation: .cancel(id))
    }

    /// Registers this effect under `id` so it can be cancelled; with `cancelInFlight`, any effect
    /// already running under the same id is cancelled first ("latest request wins").
    public func cancellable(id: EffectID, cancelInFlight: Bool = false) -> Effect {
        if isNone && !cancelInFlight { return self }
        return Effect(operation: .cancellable(id, cancelInFlight: cancelInFlight, self))
    }

    public var isNone: Bool {
        if case .none = operation { return true }
        return false
    }

    /// Turns the actions of this effect into another action type, for composing reducers.
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Action) -> Other) -> Effect<Other> {
        switch operation {
        case .none:
            return .none
        case .run(let work):
            return .run { send in
                await work(Send { action in await send(transform(action)) })
            }
        case .merge(let effects):
            return .merge(effects.map { $0.map(transform) })
        case .cancel(let id):
            return .cancel(id: id)
        case .cancellable(let id, let cancelInFlight, let effect):
            return effect.map(transform).cancellable(id: id, cancelInFlight: cancelInFlight)
        }
    }
}

/// The identity under which a long-running or replaceable effect is registered.
public struct EffectID: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }
}

/// The handle an effect uses to send actions back. Sending from a cancelled task is dropped,
/// so a cancelled stream cannot leak a late action into the state.
public struct Send<Action: Sendable>: Sendable {
    private let deliver: @Sendable (Action) async -> Void

    public init(_ deliver: @escaping @Sendable (Action) async -> Void) {
        self.deliver = deliver
    }

    public func callAsFunction(_ action: Action) async {
        guard !Task.isCancelled else { return }
        await deliver(action)
    }
}
