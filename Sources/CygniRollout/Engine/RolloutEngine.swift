import CygniModel
import Foundation

/// The rollout engine: a pure state machine. It reads time only from its arguments, does no I/O,
/// and answers every input with provider commands, timeline events and audit decisions.
///
/// What a provider (the sandbox, or ECS with an ALB) does with it:
/// - Carry out `commands` in order. `setWeights` is one listener change; a rollback's first
///   command is always `setWeights(.allStable)`, so carry that one out before anything else.
/// - Report `fleetHealth` for both versions when it changes (or every tick; repeats are cheap).
///   The stable fleet counts as healthy at full size until a report says otherwise.
/// - Report `taskEvents` for tasks that stopped or failed a health check; the engine classifies
///   them, asks for restarts with backoff (`replaceTask`) and rolls back a crash loop.
/// - Send `.sloHistory` once, right after `start`, with the service's SLO counts before the
///   rollout (up to the SLO window), so budgets and long burn windows rest on the same history the
///   rest of the console shows. Without it they start empty at the rollout's start.
/// - Report a `MetricWindow` per version as often as it has data (one per second is fine): counts
///   feed SLO burn and threshold checks; `samples` feed the judge by metric name. Without
///   `error_rate` samples the engine makes them from the counts (`errorRateDatapointSeconds`).
/// - Send `.tick` when only time passed, so bakes, timeouts and restarts happen on time.
/// - Append `decisions` to the audit journal (`AuditWriter`), show `events` on the Timeline, and
///   show `EngineState.rollout` and `sloStatuses` as the console's view.
/// - Persist `EngineState` (Codable) to survive a restart; nothing else holds state.
public enum RolloutEngine {
    /// A rollout ready to run, in `pending`; the first step creates the new fleet.
    public static func start(plan: RolloutPlan, at time: Date) throws(PlanError) -> EngineState {
        try plan.validate()
        return EngineState(plan: plan, at: time)
    }

    /// The state after `input` at `time`, and what to do about it.
    public static func step(_ state: EngineState, input: EngineInput, at time: Date) -> EngineStep {
        var state = state
        let output = advance(&state, input: input, at: time)
        return EngineStep(state: state, output: output)
    }

    /// `step` in place: the cheap form when the caller owns the state (no copy of its buffers).
    public static func advance(_ state: inout EngineState, input: EngineInput, at time: Date) -> StepOutput {
        var output = StepOutput(now: time)
        advance(&state, input: input, into: &output)
        return output
    }

    /// Appends what the step produces to `output`, whose `now` is the step's time.
    static func advance(_ state: inout EngineState, input: EngineInput, into output: inout StepOutput) {
        let time = output.now
        // Terminal phases are absorbing: nothing changes, commands are refused.
        guard !state.phase.isTerminal else {
            if case .command(let command) = input {
                output.outcome = RolloutCommand.Outcome(accepted: false, message: "rollout already \(state.phase.rawValue)")
                if state.seenKeys.contains(command.idempotencyKey) { output.outcome?.duplicate = true }
            }
            return
        }
        switch input {
        case .tick: break
        case .fleetHealth(let health): state.fleets.observe(health)
        case .taskEvents(let events): state.observe(events, &output)
        case .metrics(let window): state.observe(window, &output)
        case .sloHistory(let samples): state.burn.recordHistory(samples, now: time)
        case .hookFinished(let name, let succeeded, let detail): state.hookFinished(name, succeeded, detail, &output)
        case .command(let command): state.handle(command, &output)
        case .outsideChange(let change): state.observe(change, &output)
        case .trafficArrived(let split): state.trafficArrived(split, &output)
        }
        state.burn.advance(to: time)
        if !state.phase.isTerminal {
            state.restartDueTasks(&output)
            state.progress(&output)
        }
        state.updatedAt = time
    }
}
