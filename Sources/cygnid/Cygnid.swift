import ArgumentParser

@main
struct Cygnid: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cygnid",
        abstract: "The Cygni control plane: rollouts behind an authenticated API.",
        subcommands: [ServeCommand.self, TokenCommand.self, AuditCommand.self])
}
