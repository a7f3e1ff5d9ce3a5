import CygniModel
import Foundation

/// What one engine step asks for and reports, in the order it happened.
public struct StepOutput: Equatable, Sendable {
    public var commands: [ProviderCommand] = []
    public var events: [TimelineEvent] = []
    /// Decisions for the audit journal.
    public var decisions: [AuditEntry] = []
    /// Set when the input was an operator command.
    public var outcome: RolloutCommand.Outcome?
    let now: Date

    init(now: Date) {
        self.now = now
    }
}

/// The state after a step and what the step produced.
public struct EngineStep: Equatable, Sendable {
    public var state: EngineState
    public var commands: [ProviderCommand]
    public var events: [TimelineEvent]
    public var decisions: [AuditEntry]
    public var outcome: RolloutCommand.Outcome?

    init(state: EngineState, output: StepOutput) {
        self.state = state
        commands = output.commands
        events = output.events
        decisions = output.decisions
        outcome = output.outcome
    }
}
