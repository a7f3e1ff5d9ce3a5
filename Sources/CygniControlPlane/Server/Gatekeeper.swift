import CygniModel
import Hummingbird
import Logging

/// Authentication and authorization for every route but health and the OpenAPI document: the
/// token verified, the role and environment checked, and every refusal written to the audit
/// chain before it is answered: the actor is the token's subject when its signature verified,
/// `anonymous` otherwise, and the detail says why.
struct Gatekeeper: Sendable {
    let verifier: TokenVerifier
    let store: any ControlPlaneStore
    let events: EventHub
    let verified = VerifiedTokens()

    /// The caller, if its token verifies and its role allows `permission`; a 401 or 403 otherwise.
    func admit(_ request: Request, to permission: Permission, rolloutID: String? = nil) async throws -> Principal {
        let principal: Principal
        do {
            principal = try await verified.principal(authorization: request.headers[.authorization]) { header throws(TokenRejection) in
                try await verifier.principal(authorization: header)
            }
        } catch {
            try await record(denial: error.error, actor: error.verifiedSubject ?? "anonymous", permission: permission, rolloutID: rolloutID)
            throw error.error
        }
        try await authorize(principal, to: permission, rollout: nil, rolloutID: rolloutID)
        return principal
    }

    /// Checks the role again with the rollout's environment, once the rollout is known.
    func authorize(_ principal: Principal, to permission: Permission, rollout: Rollout?, rolloutID: String? = nil) async throws {
        try await authorize(principal, to: permission, environment: rollout?.environment, rolloutID: rollout?.id ?? rolloutID)
    }

    /// Checks the role for an environment a request names (a deploy's cluster).
    func authorize(_ principal: Principal, to permission: Permission, environment: String?, rolloutID: String?) async throws {
        guard let reason = principal.denial(of: permission, inEnvironment: environment) else { return }
        let error = APIError.forbidden(reason)
        try await record(denial: error, actor: principal.subject, permission: permission, rolloutID: rolloutID)
        throw error
    }

    private func record(denial: APIError, actor: String, permission: Permission, rolloutID: String?) async throws {
        try await store.appendAudit(AuditDraft(
            timeMilliseconds: Clock.milliseconds(), actor: actor, rolloutID: rolloutID, action: permission.auditAction,
            outcome: .denied, reason: nil, detail: "\(denial.status.code): \(denial.message)"))
    }
}
