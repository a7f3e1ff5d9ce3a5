import CygniModel

/// Why a task stopped when it was not asked to.
public enum TaskFailure: Equatable, Sendable, Codable {
    case outOfMemory
    case failedHealthCheck
    case essentialContainerExited(exitCode: Int?)

    /// Nil for events that are not failures: starts, and stops the scheduler or a person asked for.
    public init?(_ event: TaskEvent) {
        switch event.kind {
        case .started:
            return nil
        case .healthCheckFailed:
            self = .failedHealthCheck
        case .stopped:
            let reason = event.stoppedReason ?? ""
            // 137 alone is also SIGKILL after the stop timeout; only the reason proves OOM.
            if event.isOutOfMemory || reason.contains("OutOfMemoryError") {
                self = .outOfMemory
            } else if reason.localizedLowercase.contains("health check") {
                self = .failedHealthCheck
            } else if Self.isRequested(reason), event.exitCode == nil || event.exitCode == 0 || event.exitCode == 143 {
                return nil
            } else {
                self = .essentialContainerExited(exitCode: event.exitCode)
            }
        }
    }

    public var summary: String {
        switch self {
        case .outOfMemory: return "OOM-killed"
        case .failedHealthCheck: return "failed its health check"
        case .essentialContainerExited(let code?): return "essential container exited with code \(code)"
        case .essentialContainerExited(nil): return "essential container exited"
        }
    }

    private static func isRequested(_ reason: String) -> Bool {
        ["Scaling activity", "Deployment", "Task stopped by user", "UserInitiated", "ServiceSchedulerInitiated"]
            .contains { reason.contains($0) }
    }
}
