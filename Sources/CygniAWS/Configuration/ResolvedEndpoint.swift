/// Where one service's calls go and the region they are signed for.
public struct ResolvedEndpoint: Sendable, Equatable {
    public var url: String
    public var signingRegion: String
    /// "--endpoint-url", "AWS_ENDPOINT_URL_ECS", "default" ... for `cx doctor`.
    public var source: String

    public init(url: String, signingRegion: String, source: String) {
        self.url = url
        self.signingRegion = signingRegion
        self.source = source
    }
}
