/// The process signals the console reacts to, as values the run loop can switch over.
public enum TerminalSignal: Sendable, Equatable {
    /// SIGINT (Ctrl-C).
    case interrupt
    /// SIGTERM.
    case terminate
    /// SIGHUP (the SSH connection or the tmux pane went away).
    case hangup
    /// SIGWINCH.
    case resize
    /// SIGTSTP (Ctrl-Z).
    case suspend
    /// SIGCONT (after `fg`).
    case resume
}
