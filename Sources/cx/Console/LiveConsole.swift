import CygniDashboard
import CygniStore
import CygniTerminal
import Foundation

/// The interactive run loop. One thread (the main actor) owns ncurses: it sleeps until a key,
/// a signal or a state change, then draws the latest state. Rendering is driven by changes,
/// never by polling, so an idle console costs next to nothing.
@MainActor
final class LiveConsole {
    private let store: Store<DashboardReducer>
    private let waiter = InputWaiter()
    private var dirty = true
    private let exitAfterFirstFrame: Bool
    /// Set by CX_FRAME_TIMINGS=PATH: every frame's draw time (view, buffer, ncurses write and
    /// flush) is kept and a summary written to PATH at exit, for docs/performance.md.
    private let timingsPath = ProcessInfo.processInfo.environment["CX_FRAME_TIMINGS"]
    private var frameTimes: [Double] = []

    init(setup: ConsoleSetup, exitAfterFirstFrame: Bool = false) {
        store = Store(initialState: setup.state, reducer: DashboardReducer(environment: setup.environment))
        self.exitAfterFirstFrame = exitAfterFirstFrame
    }

    /// Runs until quit or a terminating signal; returns the exit status.
    func run() async -> Int32 {
        TerminalGuard.install()
        // Signals are taken over before ncurses starts so it does not install its own handlers.
        let signals = SignalEvents()
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend()
        } catch {
            TerminalGuard.restore()
            printError("cx: cannot start the terminal: \(error)")
            return 2
        }
        store.onStateChange = { [weak self] _ in
            guard let self else { return }
            self.dirty = true
            self.waiter.wake()
        }
        let signalTask = Task { @MainActor [weak self] in
            for await signal in signals.stream {
                self?.handle(signal, backend: backend)
            }
        }
        let size = backend.size
        store.send(.resized(width: size.width, height: size.height))
        store.send(.start)

        while !store.state.quitRequested {
            if dirty {
                dirty = false
                draw(on: backend)
                if exitAfterFirstFrame && store.state.lastRefresh != nil { break }
            }
            if await waiter.waitUntilReadable(timeout: nil) {
                for event in backend.readInput() {
                    switch event {
                    case .key(let key):
                        store.send(.key(key))
                    case .resize:
                        let size = backend.size
                        store.send(.resized(width: size.width, height: size.height))
                        dirty = true
                    }
                }
            }
        }
        signalTask.cancel()
        store.cancelAllEffects()
        backend.shutdown()
        writeFrameTimings()
        TerminalGuard.restore()
        return 0
    }

    private func draw(on backend: NcursesBackend) {
        let start = ContinuousClock.now
        let size = backend.size
        var buffer = Buffer(width: size.width, height: size.height)
        DashboardView.render(store.state, into: &buffer)
        backend.draw(buffer)
        if timingsPath != nil, frameTimes.count < 100_000 {
            let elapsed = (ContinuousClock.now - start).components
            frameTimes.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) * 1e-15)
        }
    }

    private func writeFrameTimings() {
        guard let timingsPath, !frameTimes.isEmpty else { return }
        let sorted = frameTimes.sorted()
        let median = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        let summary = String(format: "frames %d median %.3f ms p99 %.3f ms max %.3f ms\n", sorted.count, median, p99, sorted.last!)
        try? summary.write(toFile: timingsPath, atomically: true, encoding: .utf8)
    }

    private func resize(_ backend: NcursesBackend) {
        backend.handleResize()
        // ncurses queues its own KEY_RESIZE without making stdin readable: drain it now.
        _ = backend.readInput()
        let size = backend.size
        store.send(.resized(width: size.width, height: size.height))
        dirty = true
    }

    private func handle(_ signal: TerminalSignal, backend: NcursesBackend) {
        switch signal {
        case .interrupt, .terminate, .hangup:
            store.send(.quit)
            waiter.wake()
        case .resize:
            resize(backend)
            waiter.wake()
        case .suspend:
            backend.suspend()
            SignalEvents.stopProcess()
        case .resume:
            backend.resume()
            dirty = true
            waiter.wake()
        }
    }
}
