import Foundation

/// Number and time formatting for panes: fixed formats, no locale, no DateFormatter, so frames
/// are identical on every machine and cheap to produce.
enum Format {
    /// "09:03:10" in UTC.
    static func clock(_ date: Date) -> String {
        // Dates come from data; one no Int can hold would trap, so it shows as unknown.
        guard date.timeIntervalSince1970.isFinite, abs(date.timeIntervalSince1970) < 1e15 else { return "--:--:--" }
        let seconds = Int(floor(date.timeIntervalSince1970))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return "\(twoDigits(day / 3600)):\(twoDigits(day / 60 % 60)):\(twoDigits(day % 60))"
    }

    /// "09:03:10.123" in UTC.
    static func clockMillis(_ date: Date) -> String {
        guard date.timeIntervalSince1970.isFinite, abs(date.timeIntervalSince1970) < 1e15 else { return "--:--:--.---" }
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let fraction = ((millis % 1000) + 1000) % 1000
        return clock(date) + "." + String(fraction + 1000).dropFirst()
    }

    /// "45s", "2m10s", "1h05m", "3d02h".
    static func duration(_ interval: TimeInterval) -> String {
        guard interval.isFinite else { return "—" }
        let total = Int(max(0, interval).rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(twoDigits(total % 60))s" }
        if total < 86_400 { return "\(total / 3600)h\(twoDigits(total / 60 % 60))m" }
        return "\(total / 86_400)d\(twoDigits(total / 3600 % 24))h"
    }

    /// "12ms", "1.24s".
    static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value < 1000 { return "\(Int(value.rounded()))ms" }
        return fixed(value / 1000, 2) + "s"
    }

    /// "0.42%", "12.5%", "100%".
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        let value = fraction * 100
        if value == 0 { return "0%" }
        if abs(value) < 1 { return fixed(value, 2) + "%" }
        if abs(value) < 100 { return fixed(value, 1) + "%" }
        return fixed(value, 0) + "%"
    }

    /// "99.95%" for SLIs and objectives, which need more digits than other percentages.
    static func level(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        return fixed(fraction * 100, fraction >= 0.99 ? 3 : 2) + "%"
    }

    /// "$1,234.56".
    static func dollars(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let cents = Int((abs(value) * 100).rounded())
        let whole = cents / 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-$" : "$") + digits + grouped + "." + twoDigits(cents % 100)
    }

    /// "$0.0042" under a dollar (what watching costs is often fractions of a cent), else "$12.34".
    static func estimate(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return abs(value) < 1 ? (value < 0 ? "-$" : "$") + fixed(abs(value), 4) : dollars(value)
    }

    /// "1.2k", "340", "3.4M".
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value >= 1_000_000 { return fixed(value / 1_000_000, 1) + "M" }
        if value >= 10_000 { return fixed(value / 1000, 0) + "k" }
        if value >= 1000 { return fixed(value / 1000, 1) + "k" }
        if value >= 100 { return fixed(value, 0) }
        return fixed(value, 1)
    }

    /// "14.4×".
    static func burn(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value >= 100 { return fixed(value, 0) + "×" }
        return fixed(value, 1) + "×"
    }

    /// Three significant digits; powers of ten below a thousandth (p-values reach 1e-30).
    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1000 { return fixed(value, 0) }
        let exponent = Int(floor(log10(magnitude)))
        if magnitude >= 0.001 { return trimmed(fixed(value, max(0, 2 - exponent))) }
        let mantissa = value / pow(10, Double(exponent))
        return trimmed(fixed(mantissa, 1)) + "e\(exponent)"
    }

    /// "0.50" as "0.5", "75.0" as "75": no digits that say nothing.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A fixed number of decimals without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = String(whole)
        if decimals > 0 {
            let fraction = Int(scaled) - whole * Int(scale)
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
