/// Limits of one HTTP exchange.
public struct TransferOptions: Sendable, Equatable {
    /// Seconds to establish the connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for the whole exchange, connection included; `.infinity` for none (streams).
    public var timeout: Double
    /// The response body is cut off, and the exchange fails, past this many bytes (after decoding).
    public var maxResponseBytes: Int
    /// Seconds after which an exchange that receives almost nothing (under a byte a second) is
    /// given up as stalled: a stream whose server went away without closing it. Nil: never.
    public var stallTimeout: Double?
    public var priority: TransferPriority

    public init(
        connectTimeout: Double = 5, timeout: Double = 30, maxResponseBytes: Int = 64 << 20, stallTimeout: Double? = nil,
        priority: TransferPriority = .routine
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.stallTimeout = stallTimeout
        self.priority = priority
    }

    public static let `default` = TransferOptions()
}

/// Whose connections an exchange uses: urgent ones (the writes that move traffic) never wait
/// for a connection behind routine reads.
public enum TransferPriority: Sendable, Equatable {
    case routine
    case urgent
}
