import Foundation

/// The two time stamps SigV4 uses, `20150830T123600Z` and its first eight characters, for one
/// whole second (which is all they resolve, so the signer formats each second once).
struct SigningTime: Sendable, Equatable {
    let second: Int
    let timestamp: String
    let day: String

    static func second(of date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    init(second: Int) {
        var seconds = time_t(second)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        self.second = second
        timestamp = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
        day = String(timestamp.prefix(8))
    }
}
