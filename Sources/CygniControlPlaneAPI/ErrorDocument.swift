/// Every error the API answers with: `{"error": {"code", "message"}}`.
public struct ErrorDocument: Codable, Sendable {
    public struct Detail: Codable, Sendable {
        public var code: String
        public var message: String
    }

    public var error: Detail

    public init(code: String, message: String) {
        error = Detail(code: code, message: message)
    }
}
