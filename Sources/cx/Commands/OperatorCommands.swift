import ArgumentParser
import CygniClients
import CygniDashboard
import CygniModel
import CygniSandbox
import CygniTerminal
import Foundation

/// What the five operator subcommands share: find the rollout, say what will happen, ask unless
/// --yes, then send the command with an idempotency key and keep trying through transient
/// failures until it is done, refused, fails for good, or --deadline passes. Exit 0 only when
/// the command is done (for rollback: traffic is on stable).
struct OperatorOptions: ParsableArguments {
    @Argument(help: "The service whose rollout to act on, or ENVIRONMENT/SERVICE when it runs in several (ECS clusters on AWS).")
    var service: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Option(help: "Why, for the audit trail.")
    var reason: String?

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @Option(help: "How long to keep trying through throttling, 5xx, resets, timeouts and unreadable answers: 30s, 2m, 1h. Each retry is printed on stderr.")
    var deadline: String = "2m"

    func validate() throws {
        _ = try TimeArguments.duration(deadline, option: "--deadline")
    }

    @OptionGroup var moment: SourceMoment
}

enum OperatorRun {
    @MainActor
    static func run(_ kind: OperatorCommand.Kind, _ options: OperatorOptions) async throws {
        let clients = try options.moment.clients(journal: true, cost: false)
        let breakGlass = try await BreakGlass.check(options.moment.source, kind: kind, service: options.service)
        let deadline = try TimeArguments.duration(options.deadline, option: "--deadline")
        let retry = CommandRetry(deadline: deadline)
        let rollouts: [Rollout]
        do {
            // Finding the rollout goes through the same faults as acting on it.
            rollouts = try await retry.run({ _ in
                do {
                    return try await clients.controlPlane.rollouts()
                } catch let error as ClientError {
                    throw CommandFailure(error.message, isTransient: error.isTransient)
                }
            }, failed: { attempt in
                printError("cx: reading rollouts failed: \(Sanitizer.clean(attempt.error)); trying again in \(String(format: "%.1f", attempt.retryIn)) s")
                if attempt.number == 1, clients.source.kind == .controlPlane, let hint = BreakGlass.hint(kind, service: options.service) { printError(hint) }
            }).value
        } catch {
            printError("cx: rollouts unavailable: \(Sanitizer.clean(Self.describe(error)))")
            if clients.source.kind == .controlPlane, let hint = BreakGlass.hint(kind, service: options.service) { printError(hint) }
            throw ExitCode(1)
        }
        let rollout: Rollout
        switch RolloutDesignation(options.service, in: rollouts) {
        case .found(let found):
            rollout = found
        case .ambiguous(let environments):
            let choices = environments.map { Sanitizer.clean("\($0)/\(options.service)") }.joined(separator: ", ")
            printError("cx: \"\(Sanitizer.clean(options.service))\" is rolling out in \(environments.count) environments; name one: \(choices)")
            throw ExitCode(2)
        case .none:
            let known = Set(rollouts.map(\.service)).sorted().map(Sanitizer.clean).joined(separator: ", ")
            printError("cx: no rollout of \"\(Sanitizer.clean(options.service))\" (services with rollouts: \(known))")
            throw ExitCode(2)
        }
        let command = OperatorCommand(
            kind: kind, rolloutID: rollout.id, service: rollout.service, reason: options.reason,
            actor: OperatorIdentity.actor,
            idempotencyKey: "cx-cli-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        )
        let pending = PendingCommand(command: command, rollout: rollout)
        if !options.yes {
            guard isatty(0) == 1 else {
                printError("cx: refusing to \(kind.rawValue) without confirmation; pass --yes when not at a terminal")
                throw ExitCode(2)
            }
            let after = pending.trafficAfter
            print(
                "\(kind.rawValue) \(Sanitizer.clean(rollout.service)) (\(Sanitizer.clean(rollout.environment)), \(Sanitizer.clean(rollout.region))): "
                    + "\(Sanitizer.clean(rollout.fromVersion)) → \(Sanitizer.clean(rollout.toVersion)), "
                    + "traffic stable \(rollout.traffic.stable)% → \(after.stable)%, canary \(rollout.traffic.canary)% → \(after.canary)%"
            )
            print("Proceed? [y/N] ", terminator: "")
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                print("cancelled")
                throw ExitCode(1)
            }
        }
        let outcome: CommandOutcome
        do {
            // The deadline counts from here: confirming may have taken the operator a while.
            outcome = try await clients.controlPlane.perform(command, CommandRetry(deadline: deadline)) { attempt in
                let settled = attempt.trafficSettled ? kind.settledTraffic.map { "\($0); cleanup pending: " } ?? "" : ""
                printError(
                    "cx: \(kind.rawValue) try \(attempt.number) failed: \(settled)\(Sanitizer.clean(attempt.error)); "
                        + "trying again in \(String(format: "%.1f", attempt.retryIn)) s")
            }
        } catch {
            printError("cx: \(kind.rawValue) failed: \(Sanitizer.clean(Self.describe(error)))")
            if clients.source.kind == .controlPlane, case CommandRetry.Ending.deadlinePassed = error, let hint = BreakGlass.hint(kind, service: options.service) {
                printError(hint)
            }
            throw ExitCode(1)
        }
        if let cleanup = outcome.cleanupPending {
            printError("cx: \(kind.settledTraffic ?? "traffic moved"), but cleanup is not done: \(Sanitizer.clean(cleanup))")
        }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(outcome)) ?? Data("{}".utf8)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(Sanitizer.clean(outcome.message))
        }
        if outcome.accepted, let note = breakGlass?.afterward { printError(note) }
        if !outcome.accepted { throw ExitCode(1) }
    }

    /// One line for a failure that ended the command.
    static func describe(_ error: Error) -> String {
        switch error {
        case CommandRetry.Ending.permanent(let failure, _):
            return failure.message
        case CommandRetry.Ending.deadlinePassed(let failure, let attempts):
            return "gave up after \(attempts == 1 ? "1 try" : "\(attempts) tries"): \(failure.message)"
        default:
            return String(describing: error)
        }
    }
}

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rollback", abstract: "Roll a rollout back: stable takes 100% of traffic.")
    @OptionGroup var options: OperatorOptions
    @MainActor func run() async throws { try await OperatorRun.run(.rollback, options) }
}

struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promote", abstract: "Promote a rollout: the new version takes 100%.")
    @OptionGroup var options: OperatorOptions
    @MainActor func run() async throws { try await OperatorRun.run(.promote, options) }
}

struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a rollout where it is.")
    @OptionGroup var options: OperatorOptions
    @MainActor func run() async throws { try await OperatorRun.run(.pause, options) }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused rollout.")
    @OptionGroup var options: OperatorOptions
    @MainActor func run() async throws { try await OperatorRun.run(.resume, options) }
}

struct AbortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "abort", abstract: "Abort a rollout: back to stable, marked failed.")
    @OptionGroup var options: OperatorOptions
    @MainActor func run() async throws { try await OperatorRun.run(.abort, options) }
}
