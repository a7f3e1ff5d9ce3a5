import ServiceLifecycle

/// Runs the engine's rounds until shutdown, each followed by the commands other replicas
/// admitted for the rollouts this one drives. On SIGTERM the round under way finishes (its AWS
/// writes with it), no new round starts, and the leases are released so another replica takes
/// the rollouts at once rather than after their TTL.
struct EngineService: Service {
    let runner: EngineRunner
    let commands: CommandService
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await runner.tick()
            await commands.answerUnanswered()
            try? await Task.sleep(for: interval)
        }
        await runner.release()
    }
}
