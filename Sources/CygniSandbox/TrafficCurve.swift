import Foundation

/// Load over the day: quiet at 04:00 local time, busiest at 16:00. A pure function of time, so the
/// pre-history and the live simulation agree.
enum TrafficCurve {
    static func multiplier(at time: Date, in region: Region) -> Double {
        let hours = time.timeIntervalSince1970 / 3600 + region.utcOffsetHours
        let hourOfDay = hours.truncatingRemainder(dividingBy: 24)
        let wave = 0.5 - 0.5 * PortableMath.cos(2 * Double.pi * (hourOfDay - 4) / 24)
        return region.trafficFactor * (0.55 + 0.45 * wave)
    }

    static func requestsPerSecond(_ service: ServiceSpec, at time: Date, in region: Region) -> Double {
        service.peakRequestsPerSecond * multiplier(at: time, in: region)
    }
}
