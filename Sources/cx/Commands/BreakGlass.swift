import CygniControlPlaneSource
import CygniClients
import CygniTerminal

/// `cx rollback SERVICE --aws` while a control plane is configured: going around cygnid,
/// straight to AWS, for when cygnid cannot be reached. cygnid finds the change when it is back
/// (the listener at 100/0, the canary task set gone) and records it as done by someone else.
struct BreakGlass {
    let address: ControlPlaneAddress
    let answering: Bool
    let kind: String

    /// Nil unless the command goes to AWS while `control_plane` is configured. When cygnid
    /// answers after all, says first that this goes around its roles and audit.
    static func check(_ source: SourceOptions, kind: OperatorCommand.Kind, service: String) async throws -> BreakGlass? {
        guard source.usesAWS, let address = try? source.configuredControlPlane() else { return nil }
        let answering = await address.answers()
        if answering {
            printError(
                "cx: cygnid at \(address.host) answers: --aws goes around its roles and audit log; "
                    + "prefer cx \(kind.rawValue) \(Sanitizer.clean(service)) without --aws. Going on directly on AWS.")
        }
        return BreakGlass(address: address, answering: answering, kind: kind.rawValue)
    }

    /// What to say once the command is done on AWS.
    var afterward: String {
        answering
            ? "cx: \(kind) done directly on AWS; cygnid at \(address.host) will see the change and record it as done outside it"
            : "cx: \(kind) done directly on AWS while cygnid at \(address.host) is unreachable; cygnid will record it when it is back "
                + "(it finds the listener where this left it and does not fight it)"
    }

    /// How to stop a rollout without cygnid, for when it cannot be reached; nil for the
    /// commands that have no use without it.
    static func hint(_ kind: OperatorCommand.Kind, service: String) -> String? {
        guard kind == .rollback || kind == .abort else { return nil }
        return "cx: in an emergency, roll back without cygnid, directly on AWS: cx rollback \(Sanitizer.clean(service)) --aws (break-glass; see docs/control-plane.md)"
    }
}
