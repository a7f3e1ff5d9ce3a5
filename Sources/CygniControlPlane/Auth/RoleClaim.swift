/// Where a token's role comes from: the claim's name (`role` by default, or an identity
/// provider's groups claim such as `groups`, `cognito:groups` or Entra's `roles`) and, when the
/// values are group names rather than role names, which value grants which role. A token whose
/// claim holds several values gets the highest role any of them grants.
public struct RoleClaim: Sendable, Equatable {
    public var name: String
    /// Claim value to role. Empty: the values are role names themselves. When set, only these
    /// values count, so a group that happens to be called `admin` grants nothing by its name.
    public var grants: [String: Role]

    public static let standard = RoleClaim(name: "role", grants: [:])

    public init(name: String, grants: [String: Role]) {
        self.name = name
        self.grants = grants
    }

    /// `--role-claim NAME` and each `--role-map VALUE=ROLE`.
    public init(name: String, mappings: [String]) throws(RoleClaimError) {
        guard !name.isEmpty else { throw RoleClaimError("--role-claim needs a claim name, e.g. groups") }
        var grants: [String: Role] = [:]
        for mapping in mappings {
            // The last "=" splits, since role names never hold one and group names might.
            guard let split = mapping.lastIndex(of: "="), split != mapping.startIndex else {
                throw RoleClaimError("--role-map \(mapping): expected VALUE=ROLE, e.g. platform-admins=admin")
            }
            let value = String(mapping[..<split])
            let roleName = String(mapping[mapping.index(after: split)...])
            guard let role = Role(rawValue: roleName) else {
                throw RoleClaimError("--role-map \(mapping): \(roleName.isEmpty ? "the role is missing" : "unknown role \(roleName)") (roles: \(Role.names))")
            }
            if let earlier = grants[value], earlier != role {
                throw RoleClaimError("--role-map maps \(value) twice (to \(earlier.rawValue) and \(role.rawValue))")
            }
            grants[value] = role
        }
        self.init(name: name, grants: grants)
    }

    /// The role the claim grants, or why it grants none. Neither a person's other groups nor
    /// this server's mapping is repeated in the message.
    func role(in claims: [String: VerifiedClaims.Value]) -> Result<Role, RoleClaimError> {
        let values: [String]
        switch claims[name] {
        case nil:
            if grants.isEmpty { return .failure(RoleClaimError("token has no \(name) claim (one of \(Role.names))")) }
            return .failure(RoleClaimError("token has no \(name) claim, which this server reads the role from"))
        case .text(let text): values = [text]
        case .list(let list): values = list
        case .other:
            return .failure(RoleClaimError("token claim \(name) is neither text nor a list of texts"))
        }
        let granted = values.compactMap { grants.isEmpty ? Role(rawValue: $0) : grants[$0] }
        guard let role = granted.max() else {
            if grants.isEmpty, values.count == 1 {
                return .failure(RoleClaimError("token \(name) \(TokenVerifier.printable(values[0])) is not one of \(Role.names)"))
            }
            if grants.isEmpty { return .failure(RoleClaimError("token claim \(name) names no role (one of \(Role.names))")) }
            return .failure(RoleClaimError("token claim \(name) grants no role: none of its values is mapped to one on this server"))
        }
        return .success(role)
    }
}

public struct RoleClaimError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}
