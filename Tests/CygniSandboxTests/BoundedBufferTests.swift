import Foundation
import Testing

@testable import CygniSandbox

@Suite("Memory stays bounded")
struct BoundedBufferTests {
    @Test("an hour keeps at most 2,000 traces and 20,000 log lines, and counts the rest")
    func bounded() async {
        let world = makeWorld(.steady, seed: 17)
        await world.advance(to: 3_600)
        let counts = await world.bufferCounts()
        #expect(counts.traces == WorldState.tracesKept)
        #expect(counts.tracesDropped > 0)
        #expect(counts.logs == WorldState.logsKept)
        #expect(counts.logsDropped > 0)
        #expect(await world.traces(since: nil).count == WorldState.tracesKept)
        #expect(await world.logs(since: nil).count == WorldState.recentLogsReturned)
    }

    @Test("the SLO history keeps three days of minutes however long the world runs")
    func history() {
        var history = ServiceHistory()
        for _ in 0..<(ServiceHistory.minutesKept + 2 * 1_440 + 10) {
            history.append(minute: RequestCounts(total: 10, errors: 1, slow: 0))
        }
        let windows = history.windows([5, 60, ServiceHistory.minutesKept + 1])
        #expect(windows[0].total == 40)  // the current (empty) minute and four full ones
        #expect(windows[1].total == 590)
        #expect(history.wholeWindow().total == 10 * (ServiceHistory.minutesKept + 2 * 1_440 + 10))
    }
}
