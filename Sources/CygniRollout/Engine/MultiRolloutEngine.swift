import Foundation

/// Many rollouts stepped together, as a control plane or the sandbox runs them. States stay
/// in one array and are advanced in place, so a tick copies no buffers.
public struct MultiRolloutEngine: Equatable, Sendable, Codable {
    public private(set) var states: [EngineState] = []
    private var positions: [String: Int] = [:]

    public init() {}

    /// Starts tracking a rollout; false when one with the same id is already tracked.
    @discardableResult
    public mutating func add(_ state: EngineState) -> Bool {
        guard positions[state.plan.id] == nil else { return false }
        positions[state.plan.id] = states.count
        states.append(state)
        return true
    }

    public func state(_ id: String) -> EngineState? {
        positions[id].map { states[$0] }
    }

    /// Steps one rollout; nil when the id is unknown.
    public mutating func step(_ id: String, input: EngineInput, at time: Date) -> StepOutput? {
        guard let position = positions[id] else { return nil }
        return RolloutEngine.advance(&states[position], input: input, at: time)
    }

    /// Steps every rollout with its inputs (in order) and then a tick; returns what each asked for,
    /// keyed by rollout id, leaving out rollouts that produced nothing.
    public mutating func tick(inputs: [String: [EngineInput]] = [:], at time: Date) -> [String: StepOutput] {
        var outputs: [String: StepOutput] = [:]
        for position in states.indices {
            var output = StepOutput(now: time)
            if let forRollout = inputs[states[position].plan.id] {
                for input in forRollout { RolloutEngine.advance(&states[position], input: input, into: &output) }
            }
            RolloutEngine.advance(&states[position], input: .tick, into: &output)
            if !output.isEmpty { outputs[states[position].plan.id] = output }
        }
        return outputs
    }

    /// Drops finished rollouts, returning them.
    public mutating func removeFinished() -> [EngineState] {
        let finished = states.filter(\.isTerminal)
        states.removeAll(where: \.isTerminal)
        positions = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1.plan.id, $0) })
        return finished
    }
}

extension StepOutput {
    var isEmpty: Bool { commands.isEmpty && events.isEmpty && decisions.isEmpty && outcome == nil }
}
