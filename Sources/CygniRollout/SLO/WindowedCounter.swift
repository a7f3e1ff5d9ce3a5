import Foundation

/// Good and bad events in fixed time buckets, with running sums over several trailing windows,
/// so a burn rate costs O(1) however long its window is.
struct WindowedCounter: Equatable, Sendable, Codable {
    struct Tally: Equatable, Sendable, Codable {
        var total = 0.0
        var bad = 0.0

        /// Bad share of all events; 0 when there were none (no traffic burns no budget).
        var ratio: Double { total > 0 ? bad / total : 0 }
    }

    private struct Bucket: Equatable, Sendable, Codable {
        var index: Int
        var tally: Tally
    }

    let bucketSeconds: Double
    /// Lengths of the windows, in buckets; the current bucket counts as one.
    let windows: [Int]
    private var buckets: [Bucket] = []
    private var sums: [Tally]
    /// Position in `buckets` of the oldest bucket inside each window.
    private var starts: [Int]
    /// The bucket the windows were last moved to: within one bucket there is nothing to move.
    private var advancedTo = Int.min

    init(bucketSeconds: Double, windows: [Int]) {
        self.bucketSeconds = bucketSeconds
        self.windows = windows
        sums = Array(repeating: Tally(), count: windows.count)
        starts = Array(repeating: 0, count: windows.count)
    }

    func tally(window: Int) -> Tally { sums[window] }

    mutating func record(total: Double, bad: Double, at time: Date) {
        let index = bucketIndex(time)
        if let last = buckets.last, last.index >= index {
            // Late data lands in the newest bucket: close enough, and the sums stay consistent.
            buckets[buckets.count - 1].tally.total += total
            buckets[buckets.count - 1].tally.bad += bad
        } else {
            buckets.append(Bucket(index: index, tally: Tally(total: total, bad: bad)))
        }
        for window in sums.indices {
            sums[window].total += total
            sums[window].bad += bad
        }
        advance(to: time)
    }

    /// Lets buckets that fell out of each window go; false when time stayed in the same bucket.
    @discardableResult
    mutating func advance(to time: Date) -> Bool {
        let now = bucketIndex(time)
        guard now != advancedTo else { return false }
        advancedTo = now
        for window in windows.indices {
            while starts[window] < buckets.count, buckets[starts[window]].index <= now - windows[window] {
                sums[window].total -= buckets[starts[window]].tally.total
                sums[window].bad -= buckets[starts[window]].tally.bad
                starts[window] += 1
            }
            // Subtraction drift must never show as a negative count.
            if starts[window] == buckets.count { sums[window] = Tally() }
        }
        let unused = starts.min() ?? 0
        if unused > 32, unused * 2 > buckets.count {
            buckets.removeFirst(unused)
            for window in starts.indices { starts[window] -= unused }
        }
        return true
    }

    private func bucketIndex(_ time: Date) -> Int {
        Int((time.timeIntervalSinceReferenceDate / bucketSeconds).rounded(.down))
    }
}
