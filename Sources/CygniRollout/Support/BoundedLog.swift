/// An append-only list that keeps the newest `capacity` entries and counts what it let go.
/// Codable, unlike the model's ring buffer, so it can live in persisted engine state.
public struct BoundedLog<Element: Equatable & Sendable & Codable>: Equatable, Sendable, Codable {
    /// Oldest first; may run up to a quarter over `capacity` until the next trim (`newest` never does).
    public private(set) var entries: [Element] = []
    public private(set) var dropped = 0
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public mutating func append(_ element: Element) {
        entries.append(element)
        // Trim in chunks so appends stay amortized O(1).
        if entries.count > capacity + capacity / 4 {
            let excess = entries.count - capacity
            entries.removeFirst(excess)
            dropped += excess
        }
    }

    /// The kept entries, oldest first, never more than `capacity`.
    public var newest: ArraySlice<Element> { entries.suffix(capacity) }

    /// Everything let go, including entries kept past capacity until the next trim.
    public var droppedCount: Int { dropped + max(0, entries.count - capacity) }

    public func contains(_ element: Element) -> Bool { newest.contains(element) }

    mutating func modifyEntry(at index: Int, _ change: (inout Element) -> Void) {
        change(&entries[index])
    }
}
