import CygniModel

/// Which Fargate rates to quote.
public struct FargatePriceRequest: Equatable, Sendable {
    public var architecture: FargatePriceTable.Architecture
    /// The tasks' region; nil for the source's own (or the table's, when it has none).
    public var region: String?
    /// Use the built-in table without asking anyone.
    public var offline: Bool

    public init(architecture: FargatePriceTable.Architecture, region: String? = nil, offline: Bool = false) {
        self.architecture = architecture
        self.region = region
        self.offline = offline
    }
}

/// The rates for a request, and the region they were asked for.
public struct FargatePriceAnswer: Equatable, Sendable {
    /// The tasks' region, as resolved by the source.
    public var region: String
    public var quote: FargatePriceQuote

    public init(region: String, quote: FargatePriceQuote) {
        self.region = region
        self.quote = quote
    }
}

/// Prices of a task size or count change. Never fails: a quote from the built-in dated table,
/// saying why it is used, beats no quote.
public struct PriceClient: Sendable {
    public var fargate: @Sendable (FargatePriceRequest) async -> FargatePriceAnswer

    public init(fargate: @escaping @Sendable (FargatePriceRequest) async -> FargatePriceAnswer) {
        self.fargate = fargate
    }

    /// Rates from the built-in table only, with `reason` given as why.
    public static func builtInTable(reason: String) -> PriceClient {
        PriceClient { request in
            FargatePriceAnswer(
                region: request.region ?? FargatePriceTable.region,
                quote: .builtIn(request.architecture, reason: request.offline ? "--offline" : reason))
        }
    }
}
