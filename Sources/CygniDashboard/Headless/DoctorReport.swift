import CygniModel
import CygniTerminal

/// `cx doctor`: `{"checks": [{"name", "status", "detail", "hint"}]}`, or a table; a hint is shown
/// only for a check that did not pass.
public struct DoctorReport: Encodable, Sendable {
    public var checks: [DoctorCheck]

    public init(_ checks: [DoctorCheck]) {
        self.checks = checks
    }

    /// True when a check failed: the command exits 1.
    public var anyFailed: Bool { checks.contains { $0.status == .fail } }

    public func json() -> String {
        JSONOutput.encode(self)
    }

    public func table() -> String {
        var rows = [["CHECK", "STATUS", "DETAIL", "HINT"]]
        for check in checks {
            rows.append([check.name, check.status.rawValue, check.detail, check.status == .pass ? "" : check.hint])
        }
        return TextTable.render(rows)
    }
}
