import CygniModel
import CygniRollout
import Foundation

// Benchmarks of the rollout engine. Build with optimizations: swift run -c release CygniBenchmarks
// An argument runs only the benchmarks whose group name contains it: tick, statistics, canary.

let only = CommandLine.arguments.dropFirst().first
func wanted(_ group: String) -> Bool { only.map(group.contains) ?? true }

func report(_ measurement: Measurement, budget milliseconds: Double) {
    let median = measurement.median.milliseconds
    let verdict = median < milliseconds ? "ok" : "OVER BUDGET"
    print(String(
        format: "%-54@ median %9.3f ms  (min %.3f, max %.3f, n=%d)  budget < %.0f ms  %@",
        measurement.name as NSString, median, measurement.fastest.milliseconds, measurement.slowest.milliseconds,
        measurement.samples.count, milliseconds, verdict as NSString
    ))
}

var random = SplitMix(seed: 42)

// 1. One tick over 1,000 concurrent rollouts: time only, and with a metric window per version.
if wanted("tick") {
var (engine, now) = Workloads.thousandRollouts()
let idleTick = Measurement.run("engine tick, 1,000 rollouts, time only", runs: 101) {
    now = now.addingTimeInterval(1)
    _ = engine.tick(at: now)
}
report(idleTick, budget: 5)
// Observations are built before timing: the budget is the engine's, not the provider's.
var pending = (1...103).map { offset in
    let time = now.addingTimeInterval(Double(offset))
    return (time, Workloads.observations(for: engine, at: time, random: &random))
}.reversed().map { $0 }
let busyTick = Measurement.run("engine tick, 1,000 rollouts, + 2 metric windows each", runs: 101) {
    let (time, inputs) = pending.removeLast()
    _ = engine.tick(inputs: inputs, at: time)
}
now = now.addingTimeInterval(103)
report(busyTick, budget: 5)
precondition(engine.states.allSatisfy { $0.phase == .baking }, "the rollouts left their bake during the benchmark")
}

// 2. Mann-Whitney with Hodges-Lehmann on 2 x 10,000 points (sorting included).
var sink = 0.0
if wanted("statistics") {
let canary = (0..<10_000).map { _ in 80 * exp(0.3 * random.normal()) * 1.02 }
let baseline = (0..<10_000).map { _ in 80 * exp(0.3 * random.normal()) }
let statistics = Measurement.run("Mann-Whitney + Hodges-Lehmann, 2 x 10,000 points", runs: 51) {
    let x = canary.sorted(), y = baseline.sorted()
    sink += MannWhitney.test(sortedX: x, sortedY: y).pValue + HodgesLehmann.estimate(sortedX: x, sortedY: y)
}
report(statistics, budget: 5)
let sortedCanary = canary.sorted(), sortedBaseline = baseline.sorted()
report(Measurement.run("  of which: sorting both samples", runs: 51) {
    sink += canary.sorted()[0] + baseline.sorted()[0]
}, budget: 5)
report(Measurement.run("  of which: Mann-Whitney on sorted samples", runs: 51) {
    sink += MannWhitney.test(sortedX: sortedCanary, sortedY: sortedBaseline).pValue
}, budget: 5)
report(Measurement.run("  of which: Hodges-Lehmann on sorted samples", runs: 51) {
    sink += HodgesLehmann.estimate(sortedX: sortedCanary, sortedY: sortedBaseline)
}, budget: 5)
}

// 3. A full simulated canary: one hour of virtual time at one-second ticks.
if wanted("canary") {
var finalPhase = Phase.pending
let hour = Measurement.run("simulated canary, 1 h virtual time at 1 s ticks", runs: 7, warmUp: 1) {
    finalPhase = Workloads.simulatedCanaryHour().phase
}
report(hour, budget: 1_000)
print("simulated canary ended in phase \(finalPhase.rawValue)")
}
precondition(sink.isFinite)
