/// What a token's holder is trusted with, as the `role` claim names it. Each role includes the
/// one before it: viewer < operator < deployer < admin.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case viewer, `operator`, deployer, admin

    /// Whether this role may do `permission` (anywhere; environments are checked apart).
    public func allows(_ permission: Permission) -> Bool {
        self >= permission.minimumRole
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// "viewer, operator, deployer, admin": for messages that list what is accepted.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
