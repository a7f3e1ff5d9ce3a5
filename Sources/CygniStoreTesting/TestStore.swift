import CygniStore
import Testing

/// A store for tests that makes every change explicit: each `send` must state the whole state
/// change, every action an effect sends back must be `receive`d and asserted, and a test that ends
/// with effects still running, or with actions not received, fails.
@MainActor
public final class TestStore<R: Reducer> where R.Action: Equatable {
    public private(set) var state: R.State
    private let reducer: R
    private var received: [R.Action] = []
    private var inFlight: [Int: Task<Void, Never>] = [:]
    private var nextEffect = 0
    private var effectIDs: [EffectID: Set<Int>] = [:]
    private var finished = false

    public init(initialState: R.State, reducer: R) {
        self.state = initialState
        self.reducer = reducer
    }

    /// Sends an action; `update` must turn the previous state into exactly the new one.
    public func send(
        _ action: R.Action,
        _ update: ((inout R.State) -> Void)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        if !received.isEmpty {
            Issue.record(
                "Must handle \(received.count) received action(s) before sending \(action): \(received)",
                sourceLocation: sourceLocation
            )
        }
        apply(action, update, sourceLocation: sourceLocation)
        await Task.yield()
    }

    /// Waits for the next action an effect sent back, checks it is `expected`, and reduces it.
    public func receive(
        _ expected: R.Action,
        timeout: Duration = .seconds(2),
        _ update: ((inout R.State) -> Void)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while received.isEmpty {
            if ContinuousClock.now >= deadline {
                Issue.record("Expected to receive \(expected), but no action arrived", sourceLocation: sourceLocation)
                return
            }
            await Task.yield()
            if received.isEmpty { try? await Task.sleep(for: .microseconds(200)) }
        }
        let action = received.removeFirst()
        if action != expected {
            Issue.record("Received \(action), expected \(expected)", sourceLocation: sourceLocation)
        }
        apply(action, update, sourceLocation: sourceLocation)
        await Task.yield()
    }

    /// Lets effects run until they have all finished; fails if any is still running after `timeout`.
    public func finish(timeout: Duration = .seconds(2), sourceLocation: SourceLocation = #_sourceLocation) async {
        finished = true
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !inFlight.isEmpty && ContinuousClock.now < deadline {
            await Task.yield()
            try? await Task.sleep(for: .microseconds(200))
        }
        if !inFlight.isEmpty {
            Issue.record("\(inFlight.count) effect(s) still in flight at the end of the test", sourceLocation: sourceLocation)
            for task in inFlight.values { task.cancel() }
            inFlight.removeAll()
        }
        if !received.isEmpty {
            Issue.record("\(received.count) received action(s) not asserted: \(received)", sourceLocation: sourceLocation)
        }
    }

    /// Ends the test without waiting: long-running effects (ticks, streams) are cancelled here on
    /// purpose, which must be said explicitly rather than left running.
    public func cancelAllEffects() {
        for task in inFlight.values { task.cancel() }
        inFlight.removeAll()
        effectIDs.removeAll()
    }

    public var effectsInFlight: Int { inFlight.count }

    isolated deinit {
        if !finished && !inFlight.isEmpty {
            Issue.record("TestStore released with \(inFlight.count) effect(s) in flight; call finish() or cancelAllEffects()")
            for task in inFlight.values { task.cancel() }
        }
        if !finished && !received.isEmpty {
            Issue.record("TestStore released with unreceived actions: \(received)")
        }
    }

    private func apply(_ action: R.Action, _ update: ((inout R.State) -> Void)?, sourceLocation: SourceLocation) {
        var expected = state
        update?(&expected)
        let effect = reducer.reduce(into: &state, action: action)
        if state != expected {
            Issue.record(
                "State after \(action) differs from the expected state.\n\(StateDifference.describe(expected: expected, actual: state))",
                sourceLocation: sourceLocation
            )
        }
        start(effect, id: nil)
    }

    private func start(_ effect: Effect<R.Action>, id: EffectID?) {
        switch effect.operation {
        case .none:
            return
        case .run(let work):
            nextEffect += 1
            let number = nextEffect
            if let id { effectIDs[id, default: []].insert(number) }
            let send = Send<R.Action> { [weak self] action in
                await self?.enqueue(action)
            }
            inFlight[number] = Task { [weak self] in
                await work(send)
                self?.complete(number, id: id)
            }
        case .merge(let effects):
            for effect in effects { start(effect, id: id) }
        case .cancel(let target):
            cancel(id: target)
        case .cancellable(let target, let cancelInFlight, let inner):
            if cancelInFlight { cancel(id: target) }
            start(inner, id: target)
        }
    }

    private func enqueue(_ action: R.Action) {
        received.append(action)
    }

    private func complete(_ number: Int, id: EffectID?) {
        inFlight[number] = nil
        if let id { effectIDs[id]?.remove(number) }
    }

    private func cancel(id: EffectID) {
        for number in effectIDs.removeValue(forKey: id) ?? [] {
            inFlight.removeValue(forKey: number)?.cancel()
        }
    }
}
