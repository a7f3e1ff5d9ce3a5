/// Owns the state and runs the reducer. Actions sent while an action is being reduced, or by
/// effects, are queued and reduced in order, one at a time, on the main actor.
@MainActor
public final class Store<R: Reducer> {
    public private(set) var state: R.State
    private let reducer: R
    private var queue: [R.Action] = []
    private var isReducing = false
    private let tasks = EffectTasks()

    /// Called after each batch of reduced actions; the run loop marks the frame dirty here and
    /// renders at its own pace, so a burst of actions costs one frame.
    public var onStateChange: (@MainActor (R.State) -> Void)?

    public init(initialState: R.State, reducer: R) {
        self.state = initialState
        self.reducer = reducer
    }

    public func send(_ action: R.Action) {
        queue.append(action)
        guard !isReducing else { return }
        isReducing = true
        var index = 0
        while index < queue.count {
            let effect = reducer.reduce(into: &state, action: queue[index])
            index += 1
            start(effect)
        }
        queue.removeAll(keepingCapacity: true)
        isReducing = false
        onStateChange?(state)
    }

    /// The number of effects still running; headless rendering waits for this to reach zero.
    public var effectsInFlight: Int { tasks.count }

    /// Waits until no effect is running except those registered under `ignoring` (timers that
    /// never end), or until `timeout` has passed. Headless rendering uses it between keys.
    public func settle(ignoring: Set<EffectID> = [], timeout: Duration = .seconds(30)) async {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while tasks.count(excluding: ignoring) > 0 && ContinuousClock.now < deadline {
            await Task.yield()
            try? await Task.sleep(for: .microseconds(100))
        }
    }

    public func cancelAllEffects() {
        tasks.cancelAll()
    }

    private func start(_ effect: Effect<R.Action>, id: EffectID? = nil) {
        switch effect.operation {
        case .none:
            return
        case .run(let work):
            let token = tasks.reserve(id: id)
            let send = Send<R.Action> { [weak self] action in
                await self?.send(action)
            }
            let task = Task { [tasks] in
                await work(send)
                await MainActor.run { tasks.finish(token) }
            }
            tasks.attach(task, to: token)
        case .merge(let effects):
            for effect in effects { start(effect, id: id) }
        case .cancel(let target):
            tasks.cancel(id: target)
        case .cancellable(let target, let cancelInFlight, let inner):
            if cancelInFlight { tasks.cancel(id: target) }
            start(inner, id: target)
        }
    }
}
