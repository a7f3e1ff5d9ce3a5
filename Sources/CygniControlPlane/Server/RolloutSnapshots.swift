import CygniModel
import Foundation
import NIOCore

/// The world's rollouts as last read, and the list pages encoded from them, shared by every
/// request until the server logs a change (a command, a deploy, an engine decision, a change
/// the world watcher saw: each calls `EventHub.notify`) or `maximumAge` passes. Reading the
/// world and encoding a page of 100 rollouts costs milliseconds; a cached page costs a lookup.
/// A client reads its own writes: a command's event is logged before it is answered.
actor RolloutSnapshots {
    /// How stale a read may be for what the server did not log itself (the sandbox's own
    /// progress, which the world watcher logs within its interval, a second, anyway). Each
    /// snapshot costs a read of the world and an encoding per page asked for (about 7 ms for
    /// 100 rollouts), so at most four a second whatever the load.
    static let maximumAge: Duration = .milliseconds(250)
    /// Distinct pages (filter, limit, cursor) kept per snapshot.
    static let pagesKept = 64

    struct PageKey: Hashable {
        var activeOnly: Bool?
        var page: PageRequest
    }

    /// A page's JSON, and the same gzipped once a client has asked for it so.
    struct Page: Sendable {
        var json: ByteBuffer
        var gzipped: ByteBuffer?
    }

    private struct Snapshot {
        var generation: Int
        var takenAt: ContinuousClock.Instant
        var rollouts: [Rollout]
        /// The world's own time when they were read (the sandbox's may run ahead of the wall's).
        var worldTime: Date
        var pages: [PageKey: Page] = [:]
    }

    private let world: WorldBackend
    private let events: EventHub
    private var current: Snapshot?
    /// The read of the world under way, which requests arriving meanwhile wait for.
    private var reading: (generation: Int, startedAt: ContinuousClock.Instant, task: Task<([Rollout], Date), any Error>)?

    init(world: WorldBackend, events: EventHub) {
        self.world = world
        self.events = events
    }

    /// Every rollout, at most `maximumAge` old and newer than the last change logged.
    func rollouts() async throws -> [Rollout] {
        try await fresh().rollouts
    }

    /// The body of a page, encoded once per snapshot by `make` from the rollouts and the world's
    /// time they were read at (and compressed once, for a client that takes gzip and a body worth
    /// it); whether it is gzipped.
    func page(_ key: PageKey, gzip: Bool, make: @Sendable ([Rollout], Date) throws -> Data) async throws -> (body: ByteBuffer, gzipped: Bool) {
        let snapshot = try await fresh()
        let kept = snapshot.pages[key]
        var page = try kept ?? Page(json: ByteBuffer(bytes: make(snapshot.rollouts, snapshot.worldTime)))
        if gzip, page.gzipped == nil, page.json.readableBytes >= Gzip.minimumSize,
            let compressed = Gzip.compress(Data(page.json.readableBytesView)) {
            page.gzipped = ByteBuffer(bytes: compressed)
        }
        // Kept only with the snapshot it was made from (a newer one may have replaced it meanwhile).
        let made = kept == nil || (kept?.gzipped == nil && page.gzipped != nil)
        if made, let current, current.takenAt == snapshot.takenAt, kept != nil || current.pages.count < Self.pagesKept {
            self.current?.pages[key] = page
        }
        if gzip, let gzipped = page.gzipped { return (gzipped, true) }
        return (page.json, false)
    }

    private func fresh() async throws -> Snapshot {
        // Read before the world: a change logged while the world is read makes the next request read again.
        let generation = await events.generation
        let now = ContinuousClock.now
        if let current, current.generation == generation, now - current.takenAt < Self.maximumAge {
            return current
        }
        let read: (generation: Int, startedAt: ContinuousClock.Instant, task: Task<([Rollout], Date), any Error>)
        if let reading, reading.generation == generation, now - reading.startedAt < Self.maximumAge {
            read = reading
        } else {
            let world = self.world
            read = (generation, now, Task { (try await world.controlPlane.rollouts(), await world.clock.now()) })
            reading = read
        }
        defer { if reading?.startedAt == read.startedAt { reading = nil } }
        let (rollouts, worldTime) = try await read.task.value
        // A read that started later finished first: it is the fresher one.
        if let current, current.takenAt >= read.startedAt { return current }
        let snapshot = Snapshot(generation: read.generation, takenAt: read.startedAt, rollouts: rollouts, worldTime: worldTime)
        current = snapshot
        return snapshot
    }
}
