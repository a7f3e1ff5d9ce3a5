import Foundation
import NIOCore

/// Hands what the event log gained to every Server-Sent Events subscriber, and keeps their
/// streams open with a keep-alive signal on a timer. When a writer says the log grew, the hub
/// reads the new events from the store once, formats them once, and passes the same batch to
/// every subscriber: a thousand streams cost one read, not a thousand. A subscriber that is
/// behind the batch (it just connected with `Last-Event-ID`, or it was too slow and its oldest
/// signals were dropped) reads what it lacks from the store itself, so none misses an event.
public actor EventHub {
    /// The events logged after `after`, every one of them up to the last.
    public struct Batch: Sendable {
        public var after: Int64
        public var events: [(id: Int64, text: ByteBuffer)]

        /// The wire text of the events after `id`, and the last id in it; nil when none is newer.
        func text(after id: Int64) -> (text: ByteBuffer, last: Int64)? {
            let newer = events.drop { $0.id <= id }
            guard let last = newer.last else { return nil }
            if newer.count == 1 { return (last.text, last.id) }
            var text = ByteBuffer()
            for event in newer { text.writeImmutableBuffer(event.text) }
            return (text, last.id)
        }
    }

    public enum Signal: Sendable {
        /// The log has grown by `Batch`.
        case logged(Batch)
        /// Time for a `: keep-alive` comment.
        case keepAlive
    }

    static let pageSize = 200
    /// Events one read passes on at most; a subscriber needing more reads the store.
    static let batchLimit = 1_000

    private let store: any ControlPlaneStore
    private var subscribers: [UUID: AsyncStream<Signal>.Continuation] = [:]
    private var timers: [UUID: Task<Void, Never>] = [:]
    private var closed = false
    private let keepAlive: Duration
    /// Streams held open at once; each costs a connection and a task, so a flood of clients is
    /// refused (503) before it exhausts the process's file descriptors.
    public nonisolated let maximumSubscribers: Int
    /// The newest event the hub has passed on; nil until it first reads, and again once nobody listens.
    private var cursor: Int64?
    private var reader: Task<Void, Never>?
    private var readAgain = false

    /// How long a stream may take no signal (its buffer full) before it is taken for stuck:
    /// counted in keep-alives dropped, and never fewer than `signalsBuffered` of them, so a
    /// stream busy sending a long backlog from a slow store is not stuck.
    private let stuckAfter: Duration

    public init(store: any ControlPlaneStore, keepAlive: Duration, maximumSubscribers: Int = 4_096, stuckAfter: Duration = .seconds(240)) {
        self.store = store
        self.keepAlive = keepAlive
        self.maximumSubscribers = maximumSubscribers
        self.stuckAfter = stuckAfter
    }

    /// Signals a stream holds for a subscriber that has not taken them.
    static let signalsBuffered = 8

    /// A stream of signals until the client goes or the server drains; finished at once when it
    /// is draining; nil when `maximumSubscribers` streams are open. `newest` is the newest
    /// event id the caller read before subscribing: where the hub's reads start if it has none.
    public func subscribe(newest: Int64) -> AsyncStream<Signal>? {
        guard subscribers.count < maximumSubscribers else { return nil }
        if cursor == nil { cursor = newest }
        // Batches are complete from their `after`, so dropping old ones loses nothing: the
        // subscriber sees the gap and reads the store.
        let (stream, continuation) = AsyncStream.makeStream(of: Signal.self, bufferingPolicy: .bufferingNewest(Self.signalsBuffered))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        let interval = keepAlive
        let droppedLimit = max(Self.signalsBuffered, Int((stuckAfter / keepAlive).rounded(.up)))
        timers[id] = Task { [weak self] in
            var unread = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                // A full buffer drops the oldest signal: nobody has taken one for a while.
                if case .dropped = continuation.yield(.keepAlive) { unread += 1 } else { unread = 0 }
                if unread >= droppedLimit {
                    // A stream that took no signal while its buffer filled and `stuckAfter`
                    // more went by is stuck on a client that stopped reading (or gone without
                    // its connection failing): it gives up its place rather than hold it until
                    // TCP notices.
                    continuation.finish()
                    await self?.unsubscribe(id)
                    return
                }
            }
        }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// How many times the log has grown: what has been read before a change is older than this.
    public private(set) var generation = 0

    /// The log has grown (called after the commit): read it once for every subscriber.
    public func notify() {
        generation += 1
        guard !subscribers.isEmpty else {
            cursor = nil
            return
        }
        // One read at a time; notices meanwhile make it read once more when it is done.
        guard reader == nil else {
            readAgain = true
            return
        }
        reader = Task { await readUntilCaughtUp() }
    }

    /// Ends every stream and refuses new ones: the server drains only once streams are done.
    public func closeAll() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        for timer in timers.values { timer.cancel() }
        subscribers = [:]
        timers = [:]
    }

    public var subscriberCount: Int { subscribers.count }

    private func readUntilCaughtUp() async {
        repeat {
            readAgain = false
            broadcast(await readBatch())
        } while readAgain
        reader = nil
    }

    private func readBatch() async -> Batch {
        do {
            guard let after = cursor else {
                // The first read since someone listens: subscribers read the store up to now.
                let latest = try await store.latestEventID()
                cursor = latest
                return Batch(after: latest, events: [])
            }
            var events: [(id: Int64, text: ByteBuffer)] = []
            var last = after
            while events.count < Self.batchLimit {
                let page = try await store.events(after: last, limit: Self.pageSize)
                events += page.map { ($0.id, ByteBuffer(string: ServerSentEvent.format($0))) }
                last = page.last?.id ?? last
                if page.count < Self.pageSize { break }
            }
            cursor = last
            return Batch(after: after, events: events)
        } catch {
            // The store did not answer: every subscriber tries it itself.
            cursor = nil
            return Batch(after: .max, events: [])
        }
    }

    private func broadcast(_ batch: Batch) {
        for continuation in subscribers.values { continuation.yield(.logged(batch)) }
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
        timers.removeValue(forKey: id)?.cancel()
    }
}
