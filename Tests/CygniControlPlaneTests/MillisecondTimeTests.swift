import CygniControlPlaneAPI
import Foundation
import Testing

/// Trace and log times on the wire: written with milliseconds and read back to the same
/// millisecond, so a `since` a console echoes compares as the time it was written from.
@Suite struct MillisecondTimeTests {
    @Test func aTimeReadBackIsTheSameMillisecond() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Times around now, at sub-millisecond precision as the sources give them.
            let time = Date(timeIntervalSince1970: 1_764_000_000 + Double.random(in: 0..<10_000_000, using: &generator))
            let text = MillisecondTime.string(time)
            let read = try #require(MillisecondTime.date(text), "\(text) does not read back")
            #expect(MillisecondTime.milliseconds(read) == MillisecondTime.milliseconds(time), "\(time.timeIntervalSince1970) as \(text)")
            #expect(MillisecondTime.string(read) == text)
        }
        #expect(MillisecondTime.string(Date(timeIntervalSince1970: 1_764_147_796.5)) == "2025-11-26T09:03:16.500Z")
        #expect(MillisecondTime.date("2026-12-07T02:00:00Z") == Date(timeIntervalSince1970: 1_796_608_800))
        #expect(MillisecondTime.date("yesterday") == nil)
    }
}
