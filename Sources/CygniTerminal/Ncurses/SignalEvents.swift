import CNcursesw
import Foundation

/// Delivers SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP and SIGCONT as an async stream.
///
/// A C handler writes the signal number into a self-pipe and a dedicated thread reads it,
/// blocked in read(2), so nothing runs while no signal comes. The handlers replace the default
/// actions: SIGINT/SIGTERM/SIGHUP no longer kill the process (the run loop quits and restores
/// the terminal), SIGTSTP no longer stops it (the run loop calls `NcursesBackend.suspend()` and
/// raises SIGSTOP). Escape hatch: a third SIGINT/SIGTERM/SIGHUP restores the terminal and exits
/// at once, in case the loop is stuck.
///
/// Create it before `NcursesBackend`: ncurses leaves alone the signals that already have a
/// handler, in particular it must not install its own SIGWINCH handler. One instance per
/// process: a second one takes the signals over from the first, whose stream then stays silent.
public final class SignalEvents: Sendable {
    public let stream: AsyncStream<TerminalSignal>

    public init() {
        let (stream, continuation) = AsyncStream.makeStream(of: TerminalSignal.self, bufferingPolicy: .bufferingNewest(64))
        self.stream = stream
        var fds: [Int32] = [-1, -1]
        guard cygni_make_pipe(&fds) == 0 else {
            continuation.finish()
            return
        }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = cygni_set_cloexec(readEnd)
        _ = cygni_set_cloexec(writeEnd)
        // A handler must never block: when the pipe is full, losing a duplicate signal is fine.
        _ = cygni_set_nonblocking(writeEnd)
        cygni_set_signal_pipe(writeEnd)
        for signal in Self.mapping.keys { _ = cygni_forward_signal(signal) }

        let reader = Thread {
            var bytes = [UInt8](repeating: 0, count: 64)
            while true {
                let count = read(readEnd, &bytes, bytes.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                for byte in bytes[0..<count] {
                    if let signal = Self.mapping[Int32(byte)] { continuation.yield(signal) }
                }
            }
            continuation.finish()
        }
        reader.name = "cx.signals"
        reader.start()
    }

    private static let mapping: [Int32: TerminalSignal] = [
        cygni_signal_interrupt(): .interrupt,
        cygni_signal_terminate(): .terminate,
        cygni_signal_hangup(): .hangup,
        cygni_signal_window_change(): .resize,
        cygni_signal_terminal_stop(): .suspend,
        cygni_signal_continue(): .resume,
    ]

    /// Stops this process the way SIGTSTP would have: call after `NcursesBackend.suspend()`.
    public static func stopProcess() {
        raise(cygni_signal_stop())
    }
}
