import Foundation

/// Wall-clock milliseconds since 1970: how the store keeps time (exact in an integer column, so
/// the audit chain's hashes recompute exactly).
enum Clock {
    static func milliseconds(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
