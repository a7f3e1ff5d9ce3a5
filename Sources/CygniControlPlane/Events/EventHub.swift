import Foundation

/// Wakes Server-Sent Events subscribers when the event log grows, and keeps their streams open
/// with a keep-alive signal on a timer. It carries no events itself: each subscriber reads the
/// store from its own last id, so a slow one misses nothing and costs the others nothing.
public actor EventHub {
    public enum Signal: Sendable {
        /// The log has grown: read it from your last id.
        case logged
        /// Time for a `: keep-alive` comment.
        case keepAlive
    }

    private var subscribers: [UUID: AsyncStream<Signal>.Continuation] = [:]
    private var timers: [UUID: Task<Void, Never>] = [:]
    private var closed = false
    private let keepAlive: Duration
    /// Streams held open at once; each costs a connection and a task, so a flood of clients is
    /// refused (503) before it exhausts the process's file descriptors.
    public nonisolated let maximumSubscribers: Int

    public init(keepAlive: Duration, maximumSubscribers: Int = 4_096) {
        self.keepAlive = keepAlive
        self.maximumSubscribers = maximumSubscribers
    }

    /// A stream of signals until the client goes or the server drains; finished at once when it
    /// is draining; nil when `maximumSubscribers` streams are open.
    public func subscribe() -> AsyncStream<Signal>? {
        guard subscribers.count < maximumSubscribers else { return nil }
        let (stream, continuation) = AsyncStream.makeStream(of: Signal.self, bufferingPolicy: .bufferingNewest(8))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        let interval = keepAlive
        timers[id] = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                continuation.yield(.keepAlive)
            }
        }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    public func notify() {
        for continuation in subscribers.values { continuation.yield(.logged) }
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

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
        timers.removeValue(forKey: id)?.cancel()
    }
}
