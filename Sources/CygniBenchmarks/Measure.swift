/// Runs `body` `runs` times after a warm-up and reports the median and the spread.
struct Measurement {
    var name: String
    var samples: [Duration]

    var median: Duration { samples.sorted()[samples.count / 2] }
    var fastest: Duration { samples.min() ?? .zero }
    var slowest: Duration { samples.max() ?? .zero }

    static func run(_ name: String, runs: Int, warmUp: Int = 2, _ body: () -> Void) -> Measurement {
        for _ in 0..<warmUp { body() }
        let clock = ContinuousClock()
        let samples = (0..<runs).map { _ in clock.measure(body) }
        return Measurement(name: name, samples: samples)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
