import Foundation

/// The thirty days before the world starts, drawn from the seed in one go, so that SLO windows and
/// cost series have plausible values without simulating a month second by second.
enum PreHistory {
    /// Request counts of a service over the 30 days before `start`: per minute for the last three
    /// days, per day before that, with one past incident that spent part of the error budget.
    static func requests(of spec: ServiceSpec, before start: Date, rng: inout SeededGenerator) -> ServiceHistory {
        var history = ServiceHistory()
        let slowShare = LatencyMath.shareAbove(
            SLOCalculator.latencyThresholdMilliseconds, median: spec.latencyMedianMilliseconds, sigma: spec.latencySigma)
        let minuteWindowStart = start.addingTimeInterval(-Double(ServiceHistory.minutesKept) * 60)

        let dayCount = ServiceHistory.olderDaysKept
        let availabilityIncidentDay = rng.integer(0...(dayCount - 1))
        let latencyIncidentDay = rng.integer(0...(dayCount - 1))
        for day in 0..<dayCount {
            let dayStart = minuteWindowStart.addingTimeInterval(-Double(dayCount - day) * 86_400)
            var total = 0.0
            for hour in 0..<24 {
                let middle = dayStart.addingTimeInterval(Double(hour) * 3_600 + 1_800)
                total += requestRate(of: spec, at: middle) * 3_600
            }
            var counts = RequestCounts(total: Int(total))
            counts.errors = Int(total * spec.baselineErrorRate * rng.uniform(0.7...1.3))
            counts.slow = Int(total * slowShare * rng.uniform(0.7...1.3))
            // An incident spends 10-45% of a month's budget in a day.
            if day == availabilityIncidentDay {
                let monthBudget = total * 30 * (1 - SLOCalculator.availabilityObjective)
                counts.errors += Int(monthBudget * rng.uniform(0.10...0.45))
            }
            if day == latencyIncidentDay {
                let monthBudget = total * 30 * (1 - SLOCalculator.latencyObjective)
                counts.slow += Int(monthBudget * rng.uniform(0.05...0.30))
            }
            history.append(olderDay: counts)
        }

        for minute in 0..<ServiceHistory.minutesKept {
            let middle = minuteWindowStart.addingTimeInterval(Double(minute) * 60 + 30)
            // Rounding at random keeps the expected counts with one cheap draw each; the live world
            // draws proper distributions.
            let total = rng.roundedAtRandom(requestRate(of: spec, at: middle) * 60 * rng.uniform(0.97...1.03))
            history.append(
                minute: RequestCounts(
                    total: total, errors: rng.roundedAtRandom(Double(total) * spec.baselineErrorRate),
                    slow: rng.roundedAtRandom(Double(total) * slowShare)))
        }
        return history
    }

    /// Requests per second over every region.
    static func requestRate(of spec: ServiceSpec, at time: Date) -> Double {
        Region.all.reduce(0) { $0 + TrafficCurve.requestsPerSecond(spec, at: time, in: $1) }
    }

    /// Daily spend of a service for the 29 days before the day of `start`, oldest first, and what
    /// it spent on that day before `start`. Autoscaling makes days differ a little.
    static func spend(hourly: Double, before start: Date, rng: inout SeededGenerator) -> (days: [Double], today: Double) {
        let days = (0..<(CostLedger.daysKept - 1)).map { _ in hourly * 24 * rng.uniform(0.94...1.06) }
        let secondsIntoDay = start.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        return (days, hourly * secondsIntoDay / 3_600)
    }
}
