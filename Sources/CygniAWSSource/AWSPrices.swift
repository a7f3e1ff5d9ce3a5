import CygniAWS
import CygniClients
import CygniModel
import Foundation

extension PriceClient {
    /// Fargate rates from the AWS Pricing API (GetProducts, AmazonECS, the region's Linux
    /// on-demand rates), asked for at most `deadline` seconds with short timeouts and quick
    /// retries: an estimate from the built-in table now beats a live one later. The tasks' region
    /// is the request's, else the configuration's, else the table's.
    public static func aws(configuration: AWSConfiguration, deadline: Double = PriceClient.pricingDeadline) -> PriceClient {
        PriceClient { request in
            let region = request.region ?? configuration.region ?? FargatePriceTable.region
            guard !request.offline else {
                return FargatePriceAnswer(region: region, quote: .builtIn(request.architecture, reason: "--offline"))
            }
            let client = AWSClient(
                configuration: configuration, retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: 0.25, maxBackoff: 1),
                transferOptions: TransferOptions(connectTimeout: 2, timeout: 4)
            )
            let quote = await FargatePriceQuote.fetch(PricingClient(client), region: region, architecture: request.architecture, deadline: deadline)
            return FargatePriceAnswer(region: region, quote: quote)
        }
    }

    /// Seconds the Pricing API may take, retries included, before the built-in table is used.
    public static let pricingDeadline = 5.0
}
