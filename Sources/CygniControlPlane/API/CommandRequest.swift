import Crypto
import CygniModel
import Foundation

/// `POST /v1/rollouts/{id}/commands`: `{"action", "reason"}` and the `Idempotency-Key` header,
/// every part validated with a message naming it.
struct CommandRequest: Equatable, Sendable {
    static let bodyLimit = 16 * 1024
    static let reasonLimit = 500
    static let keyLimit = 200

    var action: OperatorAction
    var reason: String?
    var idempotencyKey: String

    init(body: Data, idempotencyKey: String?) throws(APIError) {
        guard let key = idempotencyKey, !key.isEmpty else {
            throw .badRequest("Idempotency-Key header is required: a unique value per command, reused only to retry it")
        }
        guard key.count <= Self.keyLimit, key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .badRequest("Idempotency-Key must be 1 to \(Self.keyLimit) printable ASCII characters without spaces")
        }
        self.idempotencyKey = key
        guard let parsed = try? JSONSerialization.jsonObject(with: body, options: []) else {
            throw .badRequest("request body is not JSON; send {\"action\": \"rollback\", \"reason\": \"...\"}")
        }
        guard let object = parsed as? [String: Any] else { throw .badRequest("request body must be a JSON object") }
        if let unknown = object.keys.filter({ !["action", "reason"].contains($0) }).sorted().first {
            throw .invalidField("unknown field \(TokenVerifier.printable(unknown)); a command has action and reason")
        }
        guard let actionValue = object["action"] else {
            throw .invalidField("action is required (one of \(Self.actionNames))")
        }
        guard let actionName = actionValue as? String else { throw .invalidField("action must be a string (one of \(Self.actionNames))") }
        guard let action = OperatorAction(rawValue: actionName) else {
            throw .invalidField("action \(TokenVerifier.printable(actionName)) is not one of \(Self.actionNames)")
        }
        self.action = action
        switch object["reason"] {
        case nil, is NSNull:
            reason = nil
        case let text as String:
            guard text.count <= Self.reasonLimit else { throw .invalidField("reason is longer than \(Self.reasonLimit) characters") }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidField("reason must not contain control characters")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            reason = trimmed.isEmpty ? nil : trimmed
        default:
            throw .invalidField("reason must be a string")
        }
    }

    /// What makes two requests "the same" for an idempotency key: the rollout and the body's meaning.
    func hash(rolloutID: String) -> String {
        let canonical = [rolloutID, action.rawValue, reason ?? ""].map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hex(canonical)
    }

    private static let actionNames = OperatorAction.allCases.map(\.rawValue).joined(separator: ", ")
}
