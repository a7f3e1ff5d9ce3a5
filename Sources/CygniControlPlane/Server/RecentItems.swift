import Foundation

/// The recent traces or log lines of a source read by `since`, held by cygnid as a console holds
/// them: the first read takes the source's recent ones, each later read only what came after the
/// newest held (on AWS a summary page of the last seconds rather than of the last 15 minutes).
/// `SharedReads` makes one read at a time; the newest `limit` are kept.
actor RecentItems<Item: Sendable> {
    private var items: [Item] = []
    private let limit: Int
    private let time: @Sendable (Item) -> Date

    init(limit: Int, time: @escaping @Sendable (Item) -> Date) {
        self.limit = limit
        self.time = time
    }

    /// Every item held, oldest first, after asking `source` for those after the newest.
    func read(_ source: @Sendable (_ since: Date?) async throws -> [Item]) async throws -> [Item] {
        let newest = items.last.map(time)
        let arrived = try await source(newest)
        items += newest.map { newest in arrived.filter { time($0) > newest } } ?? arrived
        if items.count > limit { items.removeFirst(items.count - limit) }
        return items
    }
}
