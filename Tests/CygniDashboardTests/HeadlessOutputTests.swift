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

    /// JSON goes to terminals too: no control character from data stands raw in it (JSONEncoder
    /// leaves DEL and the C1 controls, U+009B being a CSI of its own), yet it reads back the same.
    @Test func jsonEscapesEveryControlCharacterAndStillParses() throws {
        let hostile = "a\u{1b}[31m b\u{9b}2J c\u{7f} d\u{2028} e"
        let whole = JSONOutput.encode(["message": hostile])
        let line = JSONOutput.line(["message": hostile], encoder: JSONOutput.lineEncoder())
        for text in [whole, line] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7f...0x9f).contains($0.value) || $0.value == 0x2028 })
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
            #expect(object["message"] == hostile)
        }
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
