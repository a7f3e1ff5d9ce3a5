import CygniModel

/// Something a request asks to do, checked against the caller's role on the server for every route.
public enum Permission: Equatable, Sendable {
    case read
    case command(OperatorAction)
    case deploy
    case audit

    /// The least role that may do it: operators stop things (rollback, abort, pause), deployers
    /// also move releases forward (promote, resume, deploy), only admins read the audit log.
    var minimumRole: Role {
        switch self {
        case .read: return .viewer
        case .command(let action):
            switch action {
            case .rollback, .abort, .pause: return .operator
            case .promote, .resume: return .deployer
            }
        case .deploy: return .deployer
        case .audit: return .admin
        }
    }

    /// The verb in a denial: "role operator may not promote".
    var verb: String {
        switch self {
        case .read: return "read rollouts"
        case .command(let action): return action.rawValue
        case .deploy: return "deploy"
        case .audit: return "read the audit log"
        }
    }

    /// The audit entry's action for a denial.
    var auditAction: String {
        switch self {
        case .read: return "read"
        case .command(let action): return action.rawValue
        case .deploy: return "deploy"
        case .audit: return "audit"
        }
    }
}
