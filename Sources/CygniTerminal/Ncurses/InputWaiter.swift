import CNcursesw
import Dispatch

/// Lets the main actor sleep until stdin has input, a timer is due, or someone wakes it,
/// without ever calling ncurses off the main thread: only poll(2) runs on a background queue.
///
/// A wake that comes while nobody waits is kept (a byte in the self-pipe) and ends the next wait
/// at once, so a signal that arrives just before the loop goes to sleep is never lost. One wait
/// at a time.
public final class InputWaiter: Sendable {
    private let fileDescriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let queue = DispatchQueue(label: "cx.input-waiter")

    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
        var fds: [Int32] = [-1, -1]
        if cygni_make_pipe(&fds) == 0 {
            for fd in fds {
                _ = cygni_set_nonblocking(fd)
                _ = cygni_set_cloexec(fd)
            }
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        if wakeRead >= 0 { close(wakeRead) }
        if wakeWrite >= 0 { close(wakeWrite) }
    }

    /// True when the file descriptor is readable; false on timeout, on `wake()`, or when the
    /// task is cancelled. `nil` waits without a time limit.
    public func waitUntilReadable(timeout: Duration?) async -> Bool {
        if Task.isCancelled { return false }
        let milliseconds = timeout.map(Self.milliseconds) ?? -1
        let fd = fileDescriptor
        let wakeFD = wakeRead
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: cygni_wait_readable(fd, wakeFD, milliseconds) == 1)
                }
            }
        } onCancel: {
            wake()
        }
    }

    /// Ends the current wait (or the next one) early.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Rounded up, so a timer never fires a little early and spins once more.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let total = seconds.multipliedReportingOverflow(by: 1000)
        let extra = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        guard !total.overflow else { return Int32.max }
        return Int32(clamping: total.partialValue + extra)
    }
}
