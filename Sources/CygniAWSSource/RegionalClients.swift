import CygniAWS

/// The AWS client for a watched service's region: the given one when the regions match, else a
/// copy configured for that region (same credentials, endpoint override, retry, transport and usage meter).
struct RegionalClients: Sendable {
    let base: AWSClient

    func client(for region: String) -> AWSClient {
        guard !region.isEmpty, region != base.configuration.region else { return base }
        var configuration = base.configuration
        configuration.region = region
        return AWSClient(
            configuration: configuration, transport: base.transport, retryPolicy: base.retryPolicy, transferOptions: base.transferOptions,
            usage: base.usage
        )
    }
}
