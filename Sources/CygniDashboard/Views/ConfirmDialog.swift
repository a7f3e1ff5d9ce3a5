import CygniClients
import CygniTerminal

/// The question before a command changes production: it names the service, both versions and
/// the traffic that will move, and the keys that answer it.
struct ConfirmDialog {
    let state: DashboardState
    let pending: PendingCommand

    func render(into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let command = pending.command
        let names = pending.strategy.sideNames
        let service = Sanitizer.clean(command.service)
        let where_ = "\(Sanitizer.clean(pending.environment)), \(Sanitizer.clean(pending.region))"
        let from = Sanitizer.clean(pending.fromVersion)
        let to = Sanitizer.clean(pending.toVersion)
        let before = pending.traffic
        let after = pending.trafficAfter
        var lines: [StyledLine] = []
        switch command.kind {
        case .rollback, .abort:
            let verb = command.kind == .rollback ? "Roll back" : "Abort"
            lines.append(StyledLine("\(verb) \(service) (\(where_))?", theme[.dialogTitle]))
            lines.append(StyledLine("Version: \(to) → \(from) (back to the stable version)", theme[.dialog]))
        case .promote:
            lines.append(StyledLine("Promote \(service) (\(where_))?", theme[.dialogTitle]))
            lines.append(StyledLine("Version: \(from) → \(to) (skips the remaining steps and analysis)", theme[.dialog]))
        case .pause:
            lines.append(StyledLine("Pause the rollout of \(service) (\(where_))?", theme[.dialogTitle]))
            lines.append(StyledLine("\(from) → \(to) stops stepping; traffic stays where it is", theme[.dialog]))
        case .resume:
            lines.append(StyledLine("Resume the rollout of \(service) (\(where_))?", theme[.dialogTitle]))
            lines.append(StyledLine("\(from) → \(to) continues from step \(before.canary)% \(names.canary)", theme[.dialog]))
        }
        lines.append(StyledLine(
            "Traffic: \(names.stable) \(before.stable)% → \(after.stable)%, \(names.canary) \(before.canary)% → \(after.canary)%",
            theme[.dialog]
        ))
        if let reason = command.reason {
            lines.append(StyledLine("Reason: \(Sanitizer.clean(reason))", theme[.dialog]))
        }
        lines.append(StyledLine(""))
        let yes = state.keymap.keys(for: .confirm, in: .confirm).map(\.notation).joined(separator: "/")
        let no = state.keymap.keys(for: .cancel, in: .confirm).map(\.notation).joined(separator: "/")
        lines.append(StyledLine([
            StyledSpan(" \(yes.isEmpty ? "(unbound)" : yes) ", theme[.statusError]),
            StyledSpan(" \(command.kind.rawValue)    ", theme[.dialog]),
            StyledSpan(" \(no.isEmpty ? "(unbound)" : no) ", theme[.statusKey]),
            StyledSpan(" cancel", theme[.dialog]),
        ]))
        Modal(
            title: " Confirm \(command.kind.rawValue) ",
            lines: lines,
            width: min(76, max(20, area.width - 4)),
            style: theme[.dialog],
            borderStyle: theme[.dialogBorder],
            titleStyle: theme[.dialogTitle]
        ).render(into: &buffer, area: area)
    }
}
