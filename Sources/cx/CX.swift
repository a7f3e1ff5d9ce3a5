import ArgumentParser
import Foundation

@main
struct CX: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cx",
        abstract: "The Cygni console: live blue-green and canary rollouts on ECS/Fargate, with rollback by keystroke.",
        discussion: """
            With no subcommand cx opens the full-screen console. With no configuration it runs the \
            embedded sandbox, a simulated project on a virtual clock (see --scenario and --seed).

            Exit status: 0 ok, 1 failures found, 2 usage or configuration error.
            """,
        version: "0.1.0",
        subcommands: [
            DashboardCommand.self, SnapshotCommand.self, StatusCommand.self, SLOCommand.self,
            DeployCommand.self, RollbackCommand.self, PromoteCommand.self, PauseCommand.self, ResumeCommand.self, AbortCommand.self,
            DoctorCommand.self, TracesCommand.self, LogsCommand.self, CostCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Runs the command; a usage error exits with 2 (the product's contract) rather than
    /// ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
