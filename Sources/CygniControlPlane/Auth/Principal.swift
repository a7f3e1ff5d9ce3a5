/// Who is calling, from a verified token: its subject, its role, and the environments it may act in.
public struct Principal: Equatable, Sendable {
    public var subject: String
    public var role: Role
    /// Nil: no `environments` claim, so no limit. Admins act in every environment whatever the claim.
    public var environments: Set<String>?

    public init(subject: String, role: Role, environments: Set<String>?) {
        self.subject = subject
        self.role = role
        self.environments = environments
    }

    /// Why this principal may not do `permission` on a rollout in `environment`, or nil when it may.
    public func denial(of permission: Permission, inEnvironment environment: String?) -> String? {
        guard role.allows(permission) else { return "role \(role.rawValue) may not \(permission.verb)" }
        if let environment, role != .admin, let environments, !environments.contains(environment) {
            let allowed = environments.sorted().joined(separator: ", ")
            return "token for \(subject) may not act in environment \(environment) (its environments: \(allowed.isEmpty ? "none" : allowed))"
        }
        return nil
    }
}
