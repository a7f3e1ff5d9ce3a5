/// Limits of one HTTP exchange.
public struct TransferOptions: Sendable, Equatable {
    /// Seconds to establish the connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for the whole exchange, connection included.
    public var timeout: Double
    /// The response body is cut off, and the exchange fails, past this many bytes (after decoding).
    public var maxResponseBytes: Int

    public init(connectTimeout: Double = 5, timeout: Double = 30, maxResponseBytes: Int = 64 << 20) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    public static let `default` = TransferOptions()
}
