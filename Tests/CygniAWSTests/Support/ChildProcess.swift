import Foundation

/// PIDs of helper processes this test run started, stopped by PID when the process exits.
/// The helpers also watch our PID, so a crash leaves nothing behind either.
enum ChildProcesses {
    nonisolated(unsafe) private static var pids: [pid_t] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    static func track(_ pid: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        pids.append(pid)
        if !installed {
            installed = true
            atexit {
                ChildProcesses.stopAll()
            }
        }
    }

    static func stopAll() {
        lock.lock()
        let stopping = pids
        pids = []
        lock.unlock()
        for pid in stopping { kill(pid, SIGTERM) }
    }
}
