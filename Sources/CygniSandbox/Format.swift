import Foundation

/// Numbers as people read them in timelines and reasons.
enum Format {
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        if value >= 10 { return "\(Int(value.rounded()))%" }
        return "\(rounded(value, places: value >= 1 ? 1 : 2))%"
    }

    static func milliseconds(_ value: Double) -> String {
        "\(Int(value.rounded())) ms"
    }

    static func rate(_ value: Double) -> String {
        "\(rounded(value, places: 1))x"
    }

    /// "2m 05s", "45s".
    static func duration(seconds: Int) -> String {
        let minutes = seconds / 60
        let rest = seconds % 60
        if minutes == 0 { return "\(rest)s" }
        return "\(minutes)m \(rest < 10 ? "0" : "")\(rest)s"
    }

    static func rounded(_ value: Double, places: Int) -> String {
        let scale = PortableMath.power(of: 10, places)
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = abs(scaled % Int(scale))
        var digits = String(fraction)
        while digits.count < places { digits = "0" + digits }
        return places == 0 ? "\(whole)" : "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(digits)"
    }
}
