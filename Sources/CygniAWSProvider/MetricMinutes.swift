import Foundation

/// Whole minutes, the grain of ALB metrics.
public enum MetricMinutes {
    public static func floor(_ time: Date) -> Date {
        Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }
}
