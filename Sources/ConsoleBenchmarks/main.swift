import CygniClients
import CygniDashboard
import CygniModel
import CygniSandbox
import CygniStore
import CygniTerminal
import Foundation

// Benchmarks of the console: `swift run -c release ConsoleBenchmarks`. Each figure is the
// median of repeated runs; docs/performance.md records them. Timing lives here, not in unit
// tests, because shared machines make timed tests flaky.

@MainActor
func main() async {
    let directories = ConfigurationDirectories.resolve()
    guard directories.builtIn != nil else {
        print("themes/keymaps not found; run from the repository or set CYGNI_DATA_DIR")
        exit(2)
    }
    let loader = ConfigurationLoader(directories: directories)
    let theme = try! loader.theme(named: "default")
    let keymap = try! loader.keymap(named: "default")

    // A populated console: the sandbox 30 minutes into a canary, loaded through the reducer.
    let world = SandboxWorld(configuration: SandboxConfiguration(seed: 1, scenario: .canaryPass))
    let clients = Clients.sandbox(world: world, time: .fixed(seconds: 1800), label: "sandbox")
    let environment = DashboardEnvironment(
        clients: clients, clock: ContinuousClock(),
        loadTheme: { _ in .success(theme) }, loadKeymap: { _ in .success(keymap) }, actor: "bench"
    )
    let initial = DashboardState(source: clients.source, readOnly: false, theme: theme, keymap: keymap, sessionID: "bench")
    let (loaded, _) = await HeadlessSession.run(initialState: initial, environment: environment, keys: [], width: 200, height: 60)

    print("Console benchmarks (\(ProcessInfo.processInfo.processorCount) cores)")

    // 1. A full 200x60 frame: view into the buffer, then the diff a backend would write.
    var previous = Buffer(width: 200, height: 60)
    let frame = Benchmark.median(iterations: 300) {
        let buffer = DashboardView.render(loaded, width: 200, height: 60)
        var changed = 0
        for index in buffer.cells.indices where buffer.cells[index] != previous.cells[index] { changed += 1 }
        previous = buffer
        Benchmark.keep(changed)
    }
    print(Benchmark.line("frame 200x60, every pane populated (view + buffer + diff)", frame, target: "< 2 ms"))

    // Where a frame's time goes, pane by pane (each zoomed to the full 200x60).
    for pane in PaneID.allCases {
        var zoomed = loaded
        zoomed.focus = pane
        zoomed.zoomed = true
        let time = Benchmark.median(iterations: 200) {
            Benchmark.keep(DashboardView.render(zoomed, width: 200, height: 60).cells.count)
        }
        print(Benchmark.line("  \(pane.title) zoomed to 200x60", time, target: "part of the frame"))
    }

    // 2. Reducer throughput on simple actions (focus changes) through the live Store.
    let store = Store(initialState: loaded, reducer: DashboardReducer(environment: environment))
    let actions = 1_000_000
    let start = ContinuousClock.now
    for index in 0..<actions {
        store.send(.key(index % 2 == 0 ? .tab : .backTab))
    }
    let elapsed = Benchmark.seconds(ContinuousClock.now - start)
    print(Benchmark.row("reducer, simple actions through the Store", String(format: "%.0f actions/s", Double(actions) / elapsed), target: ">= 1,000,000"))

    // 3. Full buffers: 100k log lines and 5k traces held and drawn; resident memory after.
    var full = loaded
    full.focus = .logs
    let sample = LogEvent(
        timestamp: Date(timeIntervalSince1970: 1_795_683_600), group: "/ecs/checkout", stream: "checkout/v1.42.0/1",
        service: "checkout", level: .info, message: "GET /checkout 200 in 12 ms user=4f1c9b cart=7 items"
    )
    for index in 0..<100_000 {
        var event = sample
        event.timestamp = sample.timestamp.addingTimeInterval(Double(index) / 100)
        event.message += " #\(index)"
        full.logs.append(event)
    }
    let fullFrame = Benchmark.median(iterations: 100) {
        Benchmark.keep(DashboardView.render(full, width: 200, height: 60).cells.count)
    }
    print(Benchmark.line("frame 200x60 with 100k log lines buffered", fullFrame, target: "< 2 ms"))
    print(Benchmark.row("resident memory with full buffers", String(format: "%.1f MB", Benchmark.residentMegabytes()), target: "< 100 MB"))
}

enum Benchmark {
    nonisolated(unsafe) static var sink = 0

    static func keep(_ value: Int) { sink &+= value }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Median wall time of `body` in milliseconds, after a warm-up.
    static func median(iterations: Int, _ body: () -> Void) -> Double {
        for _ in 0..<max(3, iterations / 10) { body() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            body()
            samples.append(seconds(ContinuousClock.now - start) * 1000)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    static func line(_ name: String, _ milliseconds: Double, target: String) -> String {
        row(name, String(format: "%.3f ms median", milliseconds), target: target)
    }

    static func row(_ name: String, _ figure: String, target: String) -> String {
        name.padding(toLength: 60, withPad: " ", startingAt: 0) + figure.padding(toLength: 24, withPad: " ", startingAt: 0) + "target " + target
    }

    /// VmRSS from /proc/self/status.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kilobytes / 1024
    }
}

await main()
