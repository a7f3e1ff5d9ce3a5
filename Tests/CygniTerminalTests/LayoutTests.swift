import Testing
@testable import CygniTerminal

@Suite("Layout")
struct LayoutTests {
    func widths(_ total: Int, _ constraints: [Constraint], spacing: Int = 0) -> [Int] {
        Layout.split(Rect(x: 3, y: 1, width: total, height: 2), .horizontal, constraints, spacing: spacing).map(\.width)
    }

    @Test func eachConstraintKind() {
        #expect(widths(10, [.length(3), .length(4)]) == [3, 4])
        #expect(widths(10, [.min(2), .length(3)]) == [7, 3])
        #expect(widths(10, [.max(4), .fill(1)]) == [4, 6])
        #expect(widths(10, [.max(20)]) == [10])
        #expect(widths(10, [.max(4), .max(4)]) == [4, 4])
        #expect(widths(11, [.percentage(50), .percentage(50)]) == [5, 5])
        #expect(widths(9, [.ratio(1, 3), .ratio(2, 3)]) == [3, 6])
        #expect(widths(9, [.fill(1), .fill(2)]) == [3, 6])
        #expect(widths(10, [.length(2), .fill(1), .min(3)]) == [2, 2, 6])  // min grows like fill(1) on top of its base
        #expect(widths(10, [.length(2), .percentage(30), .fill(1)]) == [2, 3, 5])
    }

    @Test func positionsFollowSpacing() {
        let rects = Layout.split(Rect(x: 3, y: 1, width: 10, height: 2), .horizontal, [.length(3), .fill(1)], spacing: 1)
        #expect(rects == [Rect(x: 3, y: 1, width: 3, height: 2), Rect(x: 7, y: 1, width: 6, height: 2)])
        let rows = Layout.split(Rect(x: 0, y: 5, width: 4, height: 6), .vertical, [.length(1), .fill(1), .length(1)])
        #expect(rows == [Rect(x: 0, y: 5, width: 4, height: 1), Rect(x: 0, y: 6, width: 4, height: 4), Rect(x: 0, y: 10, width: 4, height: 1)])
    }

    @Test func tooSmallShrinksFromTheEnd() {
        #expect(widths(7, [.length(5), .length(5)]) == [5, 2])
        #expect(widths(3, [.length(5), .fill(1)]) == [3, 0])
        #expect(widths(10, [.percentage(60), .percentage(60)]) == [6, 4])
        #expect(widths(0, [.length(5), .min(2), .percentage(50)]) == [0, 0, 0])
        #expect(widths(5, []) == [])
    }

    @Test func absurdConstraintsNeitherTrapNorOverflow() {
        #expect(widths(10, [.length(.max), .length(.max)]) == [10, 0])
        #expect(widths(10, [.ratio(.max - 1, .max), .fill(1)]) == [9, 1])
        #expect(widths(10, [.ratio(1, 0), .ratio(-1, 2), .fill(1)]) == [0, 0, 10])
        #expect(widths(10, [.fill(.max), .fill(.max)]) == [5, 5])
        #expect(widths(10, [.percentage(-20), .percentage(500)]) == [0, 10])
        #expect(widths(10, [.length(-4), .min(-1), .max(-3)]) == [0, 10, 0])
        #expect(widths(10, [.length(3), .length(3)], spacing: -5) == [3, 3])
    }

    @Test func partsNeverLeaveTheAreaAtAnySize() {
        var generator = SplitMix(seed: 7)
        let kinds: [(Int) -> Constraint] = [
            { .length($0) }, { .min($0) }, { .max($0) }, { .percentage($0 * 10) }, { .ratio($0, 5) }, { .fill($0) },
        ]
        for _ in 0..<3_000 {
            let total = Int.random(in: 0...20, using: &generator)
            let spacing = Int.random(in: 0...3, using: &generator)
            let constraints = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                kinds[Int.random(in: 0..<kinds.count, using: &generator)](Int.random(in: 0...12, using: &generator))
            }
            let area = Rect(x: 2, y: 0, width: total, height: 1)
            let rects = Layout.split(area, .horizontal, constraints, spacing: spacing)
            #expect(rects.count == constraints.count)
            #expect(rects.map(\.width).reduce(0, +) <= total, "\(constraints) in \(total)")
            for (rect, next) in zip(rects, rects.dropFirst()) {
                #expect(rect.right <= next.x, "\(constraints) in \(total) overlap")
            }
            #expect(rects.allSatisfy { $0.x >= area.x && $0.right <= area.right }, "\(constraints) in \(total) spacing \(spacing): \(rects)")
        }
    }
}

@Suite("Rect")
struct RectTests {
    @Test func rowOutsideTheRectIsEmpty() {
        let rect = Rect(x: 0, y: 0, width: 5, height: 3)
        #expect(rect.row(-1).isEmpty)
        #expect(rect.row(3).isEmpty)
        #expect(rect.row(2) == Rect(x: 0, y: 2, width: 5, height: 1))
    }

    @Test func centredNeverNegative() {
        let rect = Rect(x: 2, y: 2, width: 10, height: 4)
        #expect(rect.centered(width: -5, height: 2) == Rect(x: 7, y: 3, width: 0, height: 2))
        #expect(rect.centered(width: 40, height: 40) == rect)
        #expect(rect.inset().isEmpty == false)
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset().isEmpty)
    }
}
