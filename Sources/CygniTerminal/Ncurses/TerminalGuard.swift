import CNcursesw
import Foundation

/// Crash safety: whatever way the process ends, the terminal is left usable (echo, canonical
/// mode, cursor, main screen, no mouse reporting).
///
/// The handlers themselves are C in the shim (async-signal-safe calls only: write(2) and
/// tcsetattr). They only act while the full-screen UI owns the terminal, so a normal exit after
/// `NcursesBackend.shutdown()` prints nothing extra.
///
/// Swift's backtracer: on Linux, Swift 6.3 installs its own handlers for the fatal signals at
/// startup and, on a terminal, shows an interactive "Press space to interact" prompt for 30 s
/// after printing the backtrace. It reads SWIFT_BACKTRACE only at startup (checked: setenv in
/// main is too late), so it cannot be switched off from here. Instead our handler runs first,
/// restores the terminal, and then hands the signal to the backtracer, which prints the crash
/// report on a sane screen, as Bubble Tea does. Launch scripts that must not wait on the prompt
/// set `SWIFT_BACKTRACE=interactive=no` (or `enable=no`) in the environment of `cx`.
public enum TerminalGuard {
    /// Signals that end the process with a core dump; SIGQUIT is Ctrl-\ with ISIG on.
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS]

    /// Saves the terminal modes as they are now and installs the crash and exit handlers.
    /// Call it first thing in main; calling it again does nothing (a second install would chain
    /// the handler to itself).
    public static func install() {
        _ = installation
    }

    private static let installation: Void = {
        _ = cygni_save_terminal_modes()
        protectCurrentThread()
        for signal in fatalSignals { _ = cygni_install_fatal_handler(signal) }
        _ = cygni_register_atexit_restore()
    }()

    /// Gives the calling thread an alternate signal stack, so a stack overflow on it still runs
    /// the restore handler (a thread without one dies on the guard page with the terminal raw).
    /// The alternate stack is per thread, and on Linux the main actor is not pinned to one
    /// thread: after the first `await` of an async main, libdispatch drains the main queue on a
    /// worker thread. So the backend calls this on every draw and read; it costs one
    /// sigaltstack(2) call when the thread has a stack already.
    public static func protectCurrentThread() {
        _ = cygni_ensure_alternate_signal_stack()
    }

    /// Restores the terminal now, from ordinary code (for example before printing an error).
    public static func restore() {
        cygni_restore_terminal()
    }
}
