/// Every error the API answers with: `{"error": {"code", "message"}}`.
public struct ErrorDocument: Codable, Sendable {
    public struct Detail: Codable, Sendable {
        public var code: String
        public var message: String
        /// With `source_throttled`: the API that throttled cygnid's reads ("X-Ray").
        public var throttledAPI: String?
    }

    public var error: Detail

    public init(code: String, message: String, throttledAPI: String? = nil) {
        error = Detail(code: code, message: message, throttledAPI: throttledAPI)
    }
}
