import Foundation

/// Who is at the keyboard, as the audit trail records it: $USER, else $LOGNAME, else the
/// account of the process (tmux and cron often run without USER set).
enum OperatorIdentity {
    static var actor: String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["USER"], !user.isEmpty { return "operator:\(user)" }
        if let user = environment["LOGNAME"], !user.isEmpty { return "operator:\(user)" }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            return "operator:\(String(cString: name))"
        }
        return "operator:uid\(getuid())"
    }
}
