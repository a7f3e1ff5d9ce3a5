import ArgumentParser
import CygniDashboard
import CygniSandbox
import CygniTerminal
import Foundation

/// `cx snapshot`: one frame of the console as plain text, headless.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Render one frame of the console as text, after advancing the sandbox to --at (or reading AWS now) and feeding --keys."
    )

    @OptionGroup var moment: SourceMoment
    @OptionGroup var appearance: AppearanceOptions

    @Option(help: "Frame width in columns.")
    var width: Int = 120

    @Option(help: "Frame height in rows.")
    var height: Int = 40

    @Option(help: "Keys to feed before rendering, in keymap notation separated by spaces, e.g. \"5 Enter\" or \"R y\".")
    var keys: String = ""

    @Flag(name: .customLong("read-only"), help: "Disable rollback, promote, pause, resume and abort.")
    var readOnly = false

    func validate() throws {
        guard (1...1000).contains(width), (1...500).contains(height) else {
            throw ValidationError("--width must be 1-1000 and --height 1-500")
        }
        _ = try parsedKeys()
    }

    func parsedKeys() throws -> [Key] {
        try keys.split(separator: " ").map { notation in
            do {
                return try Key(notation: String(notation))
            } catch {
                throw ValidationError("--keys: \(error)")
            }
        }
    }

    @MainActor
    func run() async throws {
        // On AWS or cygnid a frame must never act: keys that would roll back are refused
        // (read-only), and no Cost Explorer request is made for one frame.
        let onAWS = try moment.source.usesAWS || moment.source.controlPlaneAddress() != nil
        let clients = try moment.clients(cost: !onAWS)
        let setup: ConsoleSetup
        do {
            setup = try ConsoleSetup.make(
                clients: clients, theme: appearance.theme, keymap: appearance.keymap, readOnly: readOnly || onAWS, clock: ContinuousClock())
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let (_, frame) = await HeadlessSession.run(
            initialState: setup.state, environment: setup.environment, keys: try parsedKeys(), width: width, height: height
        )
        print(HeadlessBackend.render(frame))
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
