/// Colour pairs handed out on demand, one per (foreground, background) after mapping to the
/// terminal's depth. Pair 0 is the terminal default and never allocated. When every pair is
/// taken the cache is emptied and the frame is drawn again from scratch: redefining a pair that
/// is on screen would recolour every cell that uses it.
struct ColorPairCache {
    struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// The highest pair number that may be used.
    let capacity: Int32
    private var pairs: [Key: Int32] = [:]
    private var nextPair: Int32 = 1

    init(capacity: Int32) {
        self.capacity = max(0, capacity)
    }

    /// The pair for `key`, and whether it is new (so the caller must define it); nil when full.
    mutating func pair(for key: Key) -> (number: Int32, isNew: Bool)? {
        if key.foreground == -1 && key.background == -1 { return (0, false) }
        if let existing = pairs[key] { return (existing, false) }
        guard nextPair <= capacity else { return nil }
        let number = nextPair
        nextPair += 1
        pairs[key] = number
        return (number, true)
    }

    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
        nextPair = 1
    }
}
