import CygniModel
import Foundation
import NIOCore

/// The world's rollouts as last read, and the list pages encoded from them, shared by every
/// request until the server logs a change (a command, a deploy, an engine decision, a change
/// the world watcher saw: each calls `EventHub.notify`) or `maximumAge` passes. Reading the
/// world and encoding a page of 100 rollouts costs milliseconds; a cached page costs a lookup.
/// A client reads its own writes: a command's event is logged before it is answered, and a
/// request after a logged change waits for a read begun after it.
///
/// No request waits for what only age made stale: the snapshot is read again in the background
/// (with the pages asked of the last one made again), and the old one is served meanwhile.
/// Pages are encoded off the actor, once per snapshot however many ask at once.
actor RolloutSnapshots {
    /// How stale a read may be for what the server did not log itself (the sandbox's own
    /// progress, which the world watcher logs within its interval, a second, anyway), plus the
    /// time a background read takes. Each snapshot costs a read of the world and an encoding
    /// per page kept (about 7 ms for 100 rollouts), so at most four a second whatever the load.
    static let maximumAge: Duration = .milliseconds(250)
    /// Distinct pages (filter, limit, cursor) kept per snapshot.
    static let pagesKept = 64

    struct PageKey: Hashable, Sendable {
        var activeOnly: Bool?
        var page: PageRequest
    }

    typealias Make = @Sendable ([Rollout], Date) throws -> Data

    /// A page's JSON, and the same gzipped when it is worth it; `make` makes it again from a
    /// newer snapshot.
    struct Page: Sendable {
        var json: ByteBuffer
        var gzipped: ByteBuffer?
        var make: Make

        init(_ snapshot: Snapshot, make: @escaping Make) throws {
            let data = try make(snapshot.rollouts, snapshot.worldTime)
            json = ByteBuffer(bytes: data)
            gzipped = data.count >= Gzip.minimumSize ? Gzip.compress(data).map { ByteBuffer(bytes: $0) } : nil
            self.make = make
        }
    }

    struct Snapshot: Sendable {
        var generation: Int
        var takenAt: ContinuousClock.Instant
        var rollouts: [Rollout]
        /// The world's own time when they were read (the sandbox's may run ahead of the wall's).
        var worldTime: Date
        var pages: [PageKey: Page] = [:]
        /// The pages requests asked of this snapshot: only these are made again with the next, so
        /// a page nobody asks for any more stops costing an encoding per snapshot.
        var asked: Set<PageKey> = []
    }

    private let world: WorldBackend
    private let events: EventHub
    private var current: Snapshot?
    /// The read of the world under way: requests after a logged change wait for it.
    private var reading: (generation: Int, startedAt: ContinuousClock.Instant, task: Task<Snapshot, any Error>)?
    /// Pages being made for the current snapshot, which requests for the same page wait for.
    private var making: [PageKey: (takenAt: ContinuousClock.Instant, task: Task<Page, any Error>)] = [:]

    init(world: WorldBackend, events: EventHub) {
        self.world = world
        self.events = events
    }

    /// Every rollout, no older than the last change logged (and `maximumAge` otherwise).
    func rollouts() async throws -> [Rollout] {
        try await fresh(asking: nil).rollouts
    }

    /// The body of a page, encoded once per snapshot by `make` from the rollouts and the world's
    /// time they were read at (and compressed once, for a body worth it); whether it is gzipped.
    func page(_ key: PageKey, gzip: Bool, make: @escaping Make) async throws -> (body: ByteBuffer, gzipped: Bool) {
        let snapshot = try await fresh(asking: key)
        if current?.takenAt == snapshot.takenAt { current?.asked.insert(key) }
        // The current snapshot's own pages, which may have gained this one since it was handed out.
        let kept = (current?.takenAt == snapshot.takenAt ? current?.pages[key] : nil) ?? snapshot.pages[key]
        let page: Page
        if let kept { page = kept } else { page = try await made(key, for: snapshot, make: make) }
        if gzip, let gzipped = page.gzipped { return (gzipped, true) }
        return (page.json, false)
    }

    /// The page made from `snapshot`, by one request while the others asking wait for it; kept
    /// while that snapshot is the current one.
    private func made(_ key: PageKey, for snapshot: Snapshot, make: @escaping Make) async throws -> Page {
        if let under = making[key], under.takenAt == snapshot.takenAt { return try await under.task.value }
        let task = Task.detached { try Page(snapshot, make: make) }
        making[key] = (snapshot.takenAt, task)
        defer { if making[key]?.takenAt == snapshot.takenAt { making[key] = nil } }
        let page = try await task.value
        if current?.takenAt == snapshot.takenAt, (current?.pages.count ?? Self.pagesKept) < Self.pagesKept {
            current?.pages[key] = page
        }
        return page
    }

    /// The snapshot to answer from; `key`, the page asked for, is noted on a current one before an
    /// age-driven read starts, so that read makes it again.
    private func fresh(asking key: PageKey?) async throws -> Snapshot {
        // Read before the world: a change logged while the world is read makes the next request read again.
        let generation = await events.generation
        let now = ContinuousClock.now
        if let key, current?.generation == generation { current?.asked.insert(key) }
        if let current, current.generation == generation {
            if now - current.takenAt >= Self.maximumAge { refresh(generation, at: now) }
            return current
        }
        let read = read(generation, at: now)
        let snapshot: Snapshot
        do {
            snapshot = try await read.task.value
        } catch {
            install(nil, startedAt: read.startedAt)
            throw error
        }
        install(snapshot, startedAt: read.startedAt)
        return snapshot
    }

    /// A read of the world for `generation`: the one under way when it is as new, else a new
    /// one. The pages asked of the current snapshot are made again with it, off the actor.
    private func read(_ generation: Int, at now: ContinuousClock.Instant) -> (startedAt: ContinuousClock.Instant, task: Task<Snapshot, any Error>) {
        if let reading, reading.generation == generation, now - reading.startedAt < Self.maximumAge { return (reading.startedAt, reading.task) }
        let world = self.world
        let kept = current.map { current in current.pages.filter { current.asked.contains($0.key) } } ?? [:]
        let read = Task.detached {
            var snapshot = Snapshot(generation: generation, takenAt: now, rollouts: try await world.controlPlane.rollouts(), worldTime: await world.clock.now())
            for (key, page) in kept { snapshot.pages[key] = try? Page(snapshot, make: page.make) }
            return snapshot
        }
        reading = (generation, now, read)
        return (now, read)
    }

    /// An age-driven read, in the background: requests go on with the current snapshot.
    private func refresh(_ generation: Int, at now: ContinuousClock.Instant) {
        guard reading == nil else { return }
        let read = read(generation, at: now)
        Task {
            let snapshot = try? await read.task.value
            await self.install(snapshot, startedAt: read.startedAt)
        }
    }

    /// Makes a finished read the current snapshot, unless a read that started later got there
    /// first; a failed one (nil) only ends the read under way.
    private func install(_ snapshot: Snapshot?, startedAt: ContinuousClock.Instant) {
        if reading?.startedAt == startedAt { reading = nil }
        guard let snapshot, current.map({ $0.takenAt < snapshot.takenAt }) ?? true else { return }
        current = snapshot
    }
}
