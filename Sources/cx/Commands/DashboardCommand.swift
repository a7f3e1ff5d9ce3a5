import ArgumentParser
import CygniClients
import CygniControlPlaneSource
import CygniDashboard
import CygniSandbox
import CygniTerminal
import Foundation

/// `cx` / `cx dashboard`: the full-screen console.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen console (the default command)."
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var appearance: AppearanceOptions

    @Option(help: "Sandbox: how much faster than real time the virtual clock runs (default 1).")
    var speed: Double?

    @Option(help: "Sandbox: virtual seconds to start at, so a rollout is already under way (default 60).")
    var at: Double?

    @Flag(name: .customLong("read-only"), help: "Disable rollback, promote, pause, resume and abort.")
    var readOnly = false

    /// For the start-up benchmark: quit once the first frame with data is on the screen.
    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    func validate() throws {
        if let speed, !(speed > 0 && speed <= 10_000 && speed.isFinite) { throw ValidationError("--speed must be above 0 and at most 10000") }
        if let at, !(at >= 0 && at.isFinite) { throw ValidationError("--at must be zero or more seconds") }
        if source.usesAWS && (speed != nil || at != nil) { throw ValidationError("--speed and --at apply to the sandbox; AWS is watched in real time") }
        try source.validateSource()
    }

    @MainActor
    func run() async throws {
        guard isatty(1) == 1, isatty(0) == 1 else {
            printError("cx: the console needs a terminal; for scripts use cx status --json or cx snapshot")
            throw ExitCode(2)
        }
        let clients: Clients
        if let connection = try source.controlPlaneConnection() {
            if speed != nil || at != nil { throw ValidationError("--speed and --at apply to the sandbox; cygnid is watched in real time") }
            clients = .controlPlane(connection)
        } else if source.usesAWS {
            clients = try ConsoleSetup.awsClients(source, includeCost: true, journal: true)
        } else {
            // Starting the virtual clock `at` seconds in: as if it had been running that long already.
            let (speed, at) = (speed ?? 1, at ?? 60)
            let time = SandboxTimeSource.realTime(speed: speed, startedAt: ContinuousClock.now.advanced(by: .seconds(-at / speed)))
            clients = try ConsoleSetup.sandboxClients(source, time: time, journal: true).0
        }
        let setup: ConsoleSetup
        do {
            setup = try ConsoleSetup.make(clients: clients, theme: appearance.theme, keymap: appearance.keymap, readOnly: readOnly, clock: ContinuousClock())
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let console = LiveConsole(setup: setup, exitAfterFirstFrame: exitAfterFirstFrame)
        let status = await console.run()
        withExtendedLifetime(console) {}
        if status != 0 { throw ExitCode(status) }
    }
}
