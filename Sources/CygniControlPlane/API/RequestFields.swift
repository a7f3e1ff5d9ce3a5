import Foundation

/// The parts every mutating request shares, each checked with a message naming it.
enum RequestFields {
    static let keyLimit = 200

    /// The `Idempotency-Key` header: required, 1 to 200 printable ASCII characters.
    static func idempotencyKey(_ header: String?, example: String) throws(APIError) -> String {
        guard let key = header, !key.isEmpty else {
            throw .badRequest("Idempotency-Key header is required: a unique value per \(example), reused only to retry it")
        }
        guard key.count <= keyLimit, key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .badRequest("Idempotency-Key must be 1 to \(keyLimit) printable ASCII characters without spaces")
        }
        return key
    }

    /// The body as a JSON object, with no field outside `allowed`.
    static func object(_ body: Data, allowed: [String], example: String) throws(APIError) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: body, options: []) else {
            throw .badRequest("request body is not JSON; send \(example)")
        }
        guard let object = parsed as? [String: Any] else { throw .badRequest("request body must be a JSON object") }
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw .invalidField("unknown field \(TokenVerifier.printable(unknown)); allowed: \(allowed.joined(separator: ", "))")
        }
        return object
    }

    /// An optional free-text reason: trimmed, at most `limit` characters, no control characters.
    static func reason(_ value: Any?, limit: Int) throws(APIError) -> String? {
        switch value {
        case nil, is NSNull:
            return nil
        case let text as String:
            guard text.count <= limit else { throw .invalidField("reason is longer than \(limit) characters") }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidField("reason must not contain control characters")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        default:
            throw .invalidField("reason must be a string")
        }
    }

    /// JSON's true and false: Foundation hands them over as numbers, and on Linux `is Bool`
    /// holds for every number, so the boolean's own type code tells them apart.
    static func isBoolean(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }
}
