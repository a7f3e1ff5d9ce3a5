import CygniClients
import CygniDashboard
import CygniModel
import CygniStore
import CygniStoreTesting
import Foundation
import Testing

/// The console's polls when one API throttles, driven through the reducer second by second with
/// the world's time injected: only the throttled source slows, and it comes back after a quiet minute.
struct ThrottledPollingTests {
    /// Clients that count the reads of each source; X-Ray throttles while `throttling` is set.
    final class CountingSource: @unchecked Sendable {
        private let lock = Lock()
        private var time = Fixture.at(0)
        private var reads: [DataSource: [Double]] = [:]
        var throttling = false
        /// World seconds a throttled read takes (the SDK's own retries).
        var throttledReadTakes: TimeInterval = 0

        var now: Date {
            get { lock.withLock { time } }
            set { lock.withLock { time = newValue } }
        }

        /// The seconds (since `Fixture.at(0)`) at which `source` was read.
        func readTimes(_ source: DataSource) -> [Double] { lock.withLock { reads[source] ?? [] } }

        private func read(_ source: DataSource) {
            lock.withLock { reads[source, default: []].append(time.timeIntervalSince(Fixture.at(0))) }
        }

        func clients() -> Clients {
            Clients(
                source: SourceDescription(kind: .aws, label: "counting"),
                controlPlane: ControlPlaneClient(
                    rollouts: { [self] in
                        read(.rollouts)
                        return [Fixture.canary]
                    },
                    perform: { _, _, _ in CommandOutcome(accepted: true, duplicate: false, message: "") }),
                telemetry: TelemetryClient(
                    slos: { [self] in
                        read(.slos)
                        return Fixture.slos
                    },
                    traces: { [self] _ in
                        read(.traces)
                        if lock.withLock({ throttling }) {
                            lock.withLock { time = time.addingTimeInterval(throttledReadTakes) }
                            throw ClientError("X-Ray is throttling (HTTP 400): ThrottlingException", throttledAPI: "X-Ray")
                        }
                        return []
                    },
                    logs: { [self] _ in
                        read(.logs)
                        return []
                    },
                    logsForTrace: { _, _ in [] }),
                cost: CostClient { Fixture.cost },
                clock: WorldClock { [self] in now })
        }
    }

    let source = CountingSource()

    func reducer(cadence: SourceCadence = .everyRefresh) -> DashboardReducer {
        DashboardReducer(environment: DashboardEnvironment(
            clients: source.clients(), clock: ContinuousClock(), refreshInterval: .seconds(1), costEveryTicks: 1_000, cadence: cadence,
            loadTheme: { _ in .success(Fixture.theme) }, loadKeymap: { _ in .success(Fixture.keymap) }, actor: "operator:test",
            jitter: { 0.5 }))
    }

    /// Ticks once a second from `from` through `through`, each refresh's answers folded in before
    /// the next tick (as the live console does when answers are fast).
    func tick(_ state: inout DashboardState, _ reducer: DashboardReducer, from: Int, through: Int) async {
        for second in from...through {
            source.now = Fixture.at(Double(second))
            var pending = [reducer.reduce(into: &state, action: .tick(Fixture.at(Double(second))))]
            while let effect = pending.popLast() {
                for action in await Self.actions(of: effect) {
                    pending.append(reducer.reduce(into: &state, action: action))
                }
            }
        }
    }

    /// What an effect sends, run to its end (no timers are started by ticks).
    static func actions(of effect: Effect<DashboardAction>) async -> [DashboardAction] {
        switch effect.operation {
        case .none, .cancel: return []
        case .cancellable(_, _, let inner): return await actions(of: inner)
        case .merge(let effects):
            var all: [DashboardAction] = []
            for effect in effects { all += await actions(of: effect) }
            return all
        case .run(let work):
            let sent = Collected()
            await work(Send { await sent.add($0) })
            return await sent.all
        }
    }

    actor Collected {
        var all: [DashboardAction] = []
        func add(_ action: DashboardAction) { all.append(action) }
    }

    @Test func aThrottledAPIBacksOffDoublingWhileTheOthersKeepTheirPace() async {
        let reducer = reducer()
        var state = Fixture.state()
        source.throttling = true
        await tick(&state, reducer, from: 1, through: 20)
        // Throttled at 1, 3, 7 and 15: waits of 2, 4, 8, then 8 s (the bound, 8 times normal).
        #expect(source.readTimes(.traces) == [1, 3, 7, 15])
        #expect(source.readTimes(.rollouts) == (1...20).map(Double.init))
        #expect(source.readTimes(.slos) == (1...20).map(Double.init))
        #expect(source.readTimes(.logs) == (1...20).map(Double.init))
        #expect(state.slowedPolls.keys.sorted { $0.rawValue < $1.rawValue } == [.traces])
        #expect(state.slowedPolls[.traces]?.summary == "X-Ray throttled: polling every 8 s")
        #expect(state.throttleSummaries == ["X-Ray throttled: polling every 8 s"])
        #expect(state.tracesError == "X-Ray is throttling (HTTP 400): ThrottlingException")
    }

    @Test func aQuietMinuteAfterTheLastThrottleRestoresTheNormalPace() async {
        let reducer = reducer()
        var state = Fixture.state()
        source.throttling = true
        await tick(&state, reducer, from: 1, through: 20)
        source.throttling = false
        await tick(&state, reducer, from: 21, through: 90)
        // Answered at 23 but still slow until a minute after the throttle at 15: 31 ... 71, then
        // the answer at 79 (64 s quiet) ends it and every second is polled again.
        let afterwards = source.readTimes(.traces).filter { $0 > 15 }
        #expect(afterwards == [23, 31, 39, 47, 55, 63, 71, 79] + (80...90).map(Double.init))
        #expect(state.slowedPolls.isEmpty)
        #expect(state.throttleSummaries.isEmpty)
        #expect(state.tracesError == nil)
    }

    /// Traces every third refresh, a throttled read taking 2 s: the slowed source is asked as
    /// soon as its interval is out (6 s after the answer at 3), not at the cadence's next round.
    @Test func aSlowedSourceKeepsItsOwnTimeNotTheCadence() async {
        let reducer = reducer(cadence: SourceCadence(traces: 3))
        var state = Fixture.state()
        source.throttling = true
        source.throttledReadTakes = 2
        await tick(&state, reducer, from: 1, through: 30)
        #expect(source.readTimes(.traces) == [1, 9, 23])
        #expect(state.slowedPolls[.traces]?.every == 24, "8 times the normal 3 s after the third throttle")
    }

    @Test func aRefreshByKeyWaitsOutTheSlowedInterval() async {
        let reducer = reducer()
        var state = Fixture.state()
        source.throttling = true
        await tick(&state, reducer, from: 1, through: 1)
        source.now = Fixture.at(2)
        state.now = Fixture.at(2)
        for action in await Self.actions(of: reducer.reduce(into: &state, action: .refreshRequested)) {
            _ = reducer.reduce(into: &state, action: action)
        }
        #expect(source.readTimes(.traces) == [1])
        #expect(source.readTimes(.rollouts) == [1, 2])
    }
}
