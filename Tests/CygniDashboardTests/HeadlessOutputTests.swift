import Foundation
import Testing

@testable import CygniDashboard

/// The writers shared by the headless commands.
struct HeadlessOutputTests {
    @Test func timestampsMatchFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SeededRandom(state: 20261127)
        let instants = [0, 951_782_400_000, 1_795_683_600_999, 4_102_444_799_001] + (0..<500).map { _ in Int64.random(in: 0...4_102_444_800_000, using: &generator) }
        for milliseconds in instants {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(HeadlessOutput.timestamp(date) == formatter.string(from: date), "\(milliseconds)")
        }
    }

    @Test func untrustedDatesBeyondAnyCalendarDoNotTrap() {
        #expect(HeadlessOutput.timestamp(Date(timeIntervalSince1970: 1e300)) == "-")
        #expect(Format.clock(Date(timeIntervalSince1970: 1e300)) == "--:--:--")
        #expect(Format.clockMillis(Date(timeIntervalSince1970: -1e300)) == "--:--:--.---")
    }

    @Test func aStreamedTableIsAlignedAndClean() {
        let rows = [["TIME", "GROUP", "MESSAGE"], ["09:00", "/ecs/web", "hello \u{1b}[31mred"], ["09:01", "/ecs/checkout-api", "日本語 ok"]]
        var lines: [String] = []
        TextTable.write(rowCount: rows.count, row: { rows[$0] }) { lines.append($0) }
        #expect(lines[1] == "09:00  /ecs/web           hello red")
        #expect(lines.allSatisfy { !$0.contains("\u{1b}") })
    }
}

/// A fixed-seed generator, so a failing instant can be reproduced.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
