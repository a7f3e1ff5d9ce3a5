import ServiceLifecycle

/// Wakes this replica's event hub when another replica logs an event (PostgreSQL's
/// LISTEN/NOTIFY through the store), so its streams carry the other's commands and decisions
/// at once instead of at the next keep-alive, and its list snapshots are retired.
struct EventLogFollower: Service {
    let store: any ControlPlaneStore
    let events: EventHub

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await store.followEvents { await events.notify() }
        }
    }
}
