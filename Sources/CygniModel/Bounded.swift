/// A buffer that keeps at most `capacity` of the newest elements and counts what it dropped,
/// so every growing list in the product has a limit and says how much it let go.
public struct BoundedBuffer<Element: Sendable>: Sendable {
    public private(set) var elements: [Element] = []
    public private(set) var dropped: Int = 0
    public let capacity: Int
    // Index of the oldest element once the storage is full (ring buffer).
    private var head = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        elements.reserveCapacity(min(self.capacity, 4096))
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }

    public mutating func append(_ element: Element) {
        if elements.count < capacity {
            elements.append(element)
        } else {
            elements[head] = element
            head = (head + 1) % capacity
            dropped += 1
        }
    }

    public mutating func append<S: Sequence>(contentsOf items: S) where S.Element == Element {
        for item in items { append(item) }
    }

    /// Element `index` counted from the oldest kept element.
    public subscript(index: Int) -> Element {
        elements[(head + index) % elements.count]
    }

    /// The kept elements, oldest first.
    public var ordered: [Element] {
        Array(elements[head...] + elements[..<head])
    }

    public mutating func removeAll() {
        elements.removeAll(keepingCapacity: true)
        head = 0
        dropped = 0
    }
}

extension BoundedBuffer: Equatable where Element: Equatable {
    public static func == (lhs: BoundedBuffer, rhs: BoundedBuffer) -> Bool {
        lhs.capacity == rhs.capacity && lhs.dropped == rhs.dropped && lhs.count == rhs.count
            && (0..<lhs.count).allSatisfy { lhs[$0] == rhs[$0] }
    }
}
