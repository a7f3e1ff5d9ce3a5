import CygniRollout
import Foundation

/// A service's SLO history as the rollout engine is told it when a rollout starts.
///
/// Scope: the world keeps one history per service over all regions (what the SLO pane's service
/// rows show), while the engine judges the rollout's region alone. Each span is scaled to that
/// region's share of the traffic curve over it, bad events too: before the rollout every region
/// ran the same version, so their error and slow shares are the same. The ratios, and so the
/// budget and burn rates, stay those of the history; the counts match what the region serves, so
/// the rollout's live seconds weigh in the windows as they should.
enum SLOHistoryFeed {
    static func samples(
        of history: ServiceHistory, spec: ServiceSpec, region: Region, minuteEnd: Date, now: Date
    ) -> [SLOCountSample] {
        history.spans(minuteEnd: minuteEnd, now: now).map { span in
            let share = share(of: region, for: spec, over: span)
            return SLOCountSample(
                time: span.start.addingTimeInterval(span.seconds - 1), requests: Double(span.counts.total) * share,
                errors: Double(span.counts.errors) * share, slowRequests: Double(span.counts.slow) * share)
        }
    }

    /// The region's share of the service's traffic over a span, from the curve at the middle of
    /// each hour of it (of the span itself when shorter), as the pre-history draws a day.
    static func share(of region: Region, for spec: ServiceSpec, over span: HistorySpan) -> Double {
        let points = max(1, Int(span.seconds / 3_600))
        let step = span.seconds / Double(points)
        var regional = 0.0
        var all = 0.0
        for point in 0..<points {
            let middle = span.start.addingTimeInterval(step * (Double(point) + 0.5))
            regional += TrafficCurve.requestsPerSecond(spec, at: middle, in: region)
            all += PreHistory.requestRate(of: spec, at: middle)
        }
        return all > 0 ? regional / all : 0
    }
}
