import Crypto
import CygniModel
import Foundation

/// `POST /v1/rollouts/{id}/commands`: `{"action", "reason"}` and the `Idempotency-Key` header,
/// every part validated with a message naming it.
struct CommandRequest: Equatable, Sendable {
    static let bodyLimit = 16 * 1024
    static let reasonLimit = 500

    var action: OperatorAction
    var reason: String?
    var idempotencyKey: String

    init(body: Data, idempotencyKey: String?) throws(APIError) {
        self.idempotencyKey = try RequestFields.idempotencyKey(idempotencyKey, example: "command")
        let object = try RequestFields.object(body, allowed: ["action", "reason"], example: #"{"action": "rollback", "reason": "..."}"#)
        guard let actionValue = object["action"] else {
            throw .invalidField("action is required (one of \(Self.actionNames))")
        }
        guard let actionName = actionValue as? String else { throw .invalidField("action must be a string (one of \(Self.actionNames))") }
        guard let action = OperatorAction(rawValue: actionName) else {
            throw .invalidField("action \(TokenVerifier.printable(actionName)) is not one of \(Self.actionNames)")
        }
        self.action = action
        reason = try RequestFields.reason(object["reason"], limit: Self.reasonLimit)
    }

    /// What makes two requests "the same" for an idempotency key: the rollout and the body's meaning.
    func hash(rolloutID: String) -> String {
        let canonical = [rolloutID, action.rawValue, reason ?? ""].map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hex(canonical)
    }

    private static let actionNames = OperatorAction.allCases.map(\.rawValue).joined(separator: ", ")
}
