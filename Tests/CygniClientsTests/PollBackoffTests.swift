import CygniClients
import Foundation
import Testing

struct PollBackoffTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func eachThrottleDoublesTheIntervalUpToEightTimes() {
        var backoff: PollBackoff?
        var intervals: [TimeInterval] = []
        for second in 0..<5 {
            backoff = PollBackoff.after(backoff, throttledBy: "X-Ray", at: start.addingTimeInterval(Double(second)))
            intervals.append(backoff?.interval(normal: 5) ?? 0)
        }
        #expect(intervals == [10, 20, 40, 40, 40])
        #expect(backoff?.api == "X-Ray")
    }

    @Test func noPollWaitsLongerThanFiveMinutesNorLessThanNormal() {
        let backoff = PollBackoff(api: "Cost Explorer", factor: 8, lastThrottledAt: start)
        #expect(backoff.interval(normal: 60) == 300)
        #expect(PollBackoff(api: "Cost Explorer", factor: 2, lastThrottledAt: start).interval(normal: 400) == 400)
    }

    @Test func answersInsideTheQuietMinuteKeepTheSlowPaceAndAfterItEndIt() {
        let throttled = PollBackoff.after(nil, throttledBy: "CloudWatch Logs", at: start)
        let inside = PollBackoff.after(throttled, throttledBy: nil, at: start.addingTimeInterval(59))
        #expect(inside == throttled)
        #expect(PollBackoff.after(inside, throttledBy: nil, at: start.addingTimeInterval(60)) == nil)
        #expect(PollBackoff.after(nil, throttledBy: nil, at: start) == nil)
    }

    @Test func jitterSpreadsTheDelayByTenPercent() {
        let backoff = PollBackoff(api: "X-Ray", factor: 4, lastThrottledAt: start)
        #expect(backoff.delay(normal: 5, jitter: 0) == 18)
        #expect(backoff.delay(normal: 5, jitter: 0.5) == 20)
        #expect(abs(backoff.delay(normal: 5, jitter: 0.999_999) - 22) < 0.001)
    }

    @Test func summaryNamesTheAPIAndThePace() {
        let backoff = PollBackoff(api: "X-Ray", lastThrottledAt: start)
        #expect(backoff.summary(every: 20) == "X-Ray throttled: polling every 20 s")
        #expect(backoff.summary(every: 300) == "X-Ray throttled: polling every 5 min")
    }
}
