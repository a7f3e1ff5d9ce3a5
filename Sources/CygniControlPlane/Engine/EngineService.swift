import ServiceLifecycle

/// Runs the engine's rounds until shutdown. On SIGTERM the round under way finishes (its AWS
/// writes with it), no new round starts, and the leases are released so another replica takes
/// the rollouts at once rather than after their TTL.
struct EngineService: Service {
    let runner: EngineRunner
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await runner.tick()
            try? await Task.sleep(for: interval)
        }
        await runner.release()
    }
}
