import ArgumentParser
import CygniClients
import CygniDashboard
import CygniSandbox
import Foundation

/// `cx status`: the rollouts now, for people or (with --json) for scripts; with --watch, every
/// change until the rollout ends, with an exit status CI can wait on.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the rollouts now: service, phase, traffic, step, verdict and reason.",
        discussion: """
            With --watch, cx follows the rollout of SERVICE (or every rollout in progress) and writes a line each \
            time its phase, step, traffic or verdict changes, until it ends: exit 0 when it succeeded, 1 when it \
            rolled back or failed, 124 when --timeout passed first. Through cygnid the watch outlives a restart \
            of cygnid: it says so on stderr and carries on when cygnid is back.
            """
    )

    @OptionGroup var moment: SourceMoment

    @Argument(help: "With --watch: the service whose rollout to follow, or ENVIRONMENT/SERVICE (default: every rollout in progress).")
    var service: String?

    @Flag(help: "Print JSON: {\"source\", \"rollouts\": [...]}; with --watch, one JSON object per line.")
    var json = false

    @Flag(help: "Follow until the rollout ends, one line per change.")
    var watch = false

    @Option(help: "With --watch: give up after this long (30s, 15m, 2h) with exit 124.")
    var timeout: String?

    @Option(help: "With --watch on the sandbox: how much faster than real time the virtual clock runs (default 1).")
    var speed: Double?

    func validate() throws {
        if !watch, service != nil || timeout != nil || speed != nil {
            throw ValidationError("a SERVICE, --timeout and --speed go with --watch")
        }
        if let timeout { _ = try TimeArguments.duration(timeout, option: "--timeout") }
        if let speed, !(speed > 0 && speed <= 10_000 && speed.isFinite) { throw ValidationError("--speed must be above 0 and at most 10000") }
    }

    @MainActor
    func run() async throws {
        if watch { return try await follow() }
        let state = try await HeadlessState.load(moment)
        if let error = state.rolloutsError {
            printError("cx: rollouts unavailable: \(error)")
            throw ExitCode(1)
        }
        let report = StatusReport(state: state)
        print(json ? report.json() : report.table())
    }

    @MainActor
    private func follow() async throws {
        let clients: Clients
        if try moment.source.usesAWS || moment.source.controlPlaneAddress() != nil {
            if speed != nil { throw ValidationError("--speed applies to the sandbox") }
            clients = try moment.clients(cost: false)
        } else {
            // The sandbox runs from --at on, as the console's does: a watch of a frozen world would never end.
            let (speed, at) = (speed ?? 1, moment.at ?? 60)
            let time = SandboxTimeSource.realTime(speed: speed, startedAt: ContinuousClock.now.advanced(by: .seconds(-at / speed)))
            clients = try ConsoleSetup.sandboxClients(moment.source, time: time).0
        }
        let watch = StatusWatch(
            clients: clients, service: service, json: json,
            // Written at once, not buffered: a script reads each line as the change happens.
            write: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
            warn: { printError($0) })
        let ending = await watch.run(timeout: try timeout.map { try TimeArguments.duration($0, option: "--timeout") })
        switch ending {
        case .nothingToWatch: printError("cx: no rollout in progress")
        case .notFound(let message): printError("cx: \(message)")
        case .failed(let services): printError("cx: \(services.joined(separator: ", ")) did not succeed")
        case .succeeded, .timedOut: break
        }
        if ending.exitStatus != 0 { throw ExitCode(ending.exitStatus) }
    }
}
