import CygniClients
import CygniModel
import CygniStore
import CygniTerminal

extension DashboardReducer {
    /// The first step of rollback, promote, pause, resume and abort: check it makes sense now,
    /// then open a confirmation that says what will happen. Nothing is sent yet.
    func requestCommand(_ kind: OperatorCommand.Kind, reason: String? = nil, service: String? = nil, in state: inout DashboardState) -> Effect<DashboardAction> {
        if state.readOnly {
            return show("read-only: \(kind.rawValue) is disabled (cx was started with --read-only)", .warning, in: &state)
        }
        let rollout: Rollout?
        if let service {
            switch RolloutDesignation(service, in: state.rollouts) {
            case .found(let found): rollout = found
            case .none: rollout = nil
            case .ambiguous(let environments):
                let choices = environments.map { "\($0)/\(service)" }.joined(separator: ", ")
                return show("\(service) is rolling out in \(environments.count) environments: name one of \(choices)", .warning, in: &state)
            }
        } else {
            rollout = state.currentRollout
        }
        guard let rollout else {
            let what = service.map { "no rollout of \($0)" } ?? "no rollout selected"
            return show("\(what): nothing to \(kind.rawValue)", .warning, in: &state)
        }
        if let sent = state.commandsInFlight.first(where: { $0.command.rolloutID == rollout.id })?.command {
            return show("\(sent.kind.rawValue) of \(rollout.service) already sent; waiting for the answer", .warning, in: &state)
        }
        if let problem = Self.reasonToRefuse(kind, rollout) {
            return show(problem, .warning, in: &state)
        }
        state.commandsIssued += 1
        let command = OperatorCommand(
            kind: kind, rolloutID: rollout.id, service: rollout.service, reason: reason,
            actor: environment.actor, idempotencyKey: "\(state.sessionID)-\(state.commandsIssued)"
        )
        state.confirmation = PendingCommand(command: command, rollout: rollout)
        return .none
    }

    /// Sends the confirmed command, once: a second confirm finds no confirmation open. The
    /// control plane keeps trying through transient failures until it is done or the operator
    /// stops it; each failed try comes back as `commandRetrying` for the pending banner.
    func confirm(in state: inout DashboardState) -> Effect<DashboardAction> {
        guard let pending = state.confirmation else { return .none }
        state.confirmation = nil
        let command = pending.command
        guard !state.commandsInFlight.contains(where: { $0.idempotencyKey == command.idempotencyKey }) else { return .none }
        state.commandsInFlight.append(CommandInFlight(command: command))
        let controlPlane = environment.clients.controlPlane
        let retry = environment.commandRetry
        let flash = show("\(command.kind.progressive) \(command.service)…", .info, in: &state)
        return .merge(
            flash,
            Effect<DashboardAction>.run { send in
                let result = await Self.capture {
                    try await controlPlane.perform(command, retry()) { attempt in await send(.commandRetrying(command, attempt)) }
                }
                await send(.commandFinished(command, result))
            }
            .cancellable(id: DashboardEffect.command(command.idempotencyKey))
        )
    }

    /// Stops retrying the command shown in the banner. A try already under way runs to its
    /// end (a listener write is never cut in half); no new one starts.
    func stopRetrying(in state: inout DashboardState) -> Effect<DashboardAction> {
        guard let pending = state.commandsInFlight.first else {
            return show("no command is being carried out", .info, in: &state)
        }
        state.commandsInFlight.removeFirst()
        let command = pending.command
        let tries = pending.lastAttempt.map { $0.number == 1 ? "after 1 try" : "after \($0.number) tries" } ?? "during its first try"
        let traffic = pending.lastAttempt?.trafficSettled == true
            ? command.kind.settledTraffic.map { "\($0); cleanup pending" } ?? ""
            : command.kind.settledTraffic == nil ? "" : "traffic may not have moved"
        let text = "stopped \(command.kind.progressive) \(command.service) \(tries)" + (traffic.isEmpty ? "" : "; \(traffic)")
        return .merge(.cancel(id: DashboardEffect.command(command.idempotencyKey)), show(text, .warning, in: &state), refresh(&state))
    }

    /// Why a command cannot apply to a rollout in its current phase, in words for the operator.
    static func reasonToRefuse(_ kind: OperatorCommand.Kind, _ rollout: Rollout) -> String? {
        if rollout.phase.isTerminal {
            return "\(rollout.service): the rollout has already \(rollout.phase.pastTense); nothing to \(kind.rawValue)"
        }
        switch kind {
        case .pause where rollout.phase == .paused:
            return "\(rollout.service) is already paused"
        case .resume where rollout.phase != .paused:
            return "\(rollout.service) is not paused"
        case .rollback where rollout.phase == .rollingBack:
            return "\(rollout.service) is already rolling back"
        default:
            return nil
        }
    }

    /// `:` commands.
    func runCommandLine(_ text: String, in state: inout DashboardState) -> Effect<DashboardAction> {
        let words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return .none }
        let argument = words.dropFirst().first
        switch verb {
        case "q", "quit", "exit":
            state.quitRequested = true
            return .none
        case "help", "h":
            state.showsHelp = true
            state.helpScroll = 0
            return .none
        case "rollback", "promote", "pause", "resume", "abort":
            let kind = OperatorCommand.Kind(rawValue: verb)!
            // `:rollback checkout errors after deploy`: a known service first, the rest is the reason.
            let service = argument.flatMap { name in state.rollouts.contains { $0.service == name } ? name : nil }
            let reasonWords = service == nil ? Array(words.dropFirst()) : Array(words.dropFirst(2))
            let reason = reasonWords.isEmpty ? nil : reasonWords.joined(separator: " ")
            return requestCommand(kind, reason: reason, service: service, in: &state)
        case "theme":
            guard let name = argument else { return show("usage: :theme NAME", .warning, in: &state) }
            let load = environment.loadTheme
            return Effect<DashboardAction>.run { send in await send(.themeLoaded(load(name))) }
                .cancellable(id: DashboardEffect.configuration, cancelInFlight: true)
        case "keymap":
            guard let name = argument else { return show("usage: :keymap NAME", .warning, in: &state) }
            let load = environment.loadKeymap
            return Effect<DashboardAction>.run { send in await send(.keymapLoaded(load(name))) }
                .cancellable(id: DashboardEffect.configuration, cancelInFlight: true)
        case "filter":
            switch argument?.lowercased() {
            case "errors": state.traceFilter = .errors
            case "slow": state.traceFilter = .slow
            case "all", nil: state.traceFilter = .all
            default: return show("usage: :filter errors|slow|all", .warning, in: &state)
            }
            state.traceSelection = 0
            return .none
        case "refresh":
            return refresh(&state, everything: true)
        default:
            return show("unknown command :\(Sanitizer.clean(verb)) (try :help)", .warning, in: &state)
        }
    }
}

extension Phase {
    var pastTense: String {
        switch self {
        case .succeeded: return "succeeded"
        case .rolledBack: return "rolled back"
        case .failed: return "failed"
        default: return rawValue
        }
    }
}
