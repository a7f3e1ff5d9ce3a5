import CygniAWS

/// DescribeServices shared by the rollouts of one round: the services asked for within a moment
/// of each other are described together, up to ten per call and cluster as ECS allows, so a
/// hundred rollouts cost ten calls a round instead of a hundred.
struct ServiceDescriptions: Sendable {
    private let reads: GatheredReads<ECSService>

    init(client: AWSClient, gathering: Duration = .milliseconds(20)) {
        reads = GatheredReads(perCall: Self.servicesPerCall, gathering: gathering) { cluster, services in
            var byReference: [String: ECSService] = [:]
            for service in try await ECSClient(client).describeServices(cluster: cluster, services: services) {
                // DescribeServices takes a name or an ARN; either finds the service again.
                byReference[service.name] = service
                byReference[service.arn] = service
            }
            return byReference
        }
    }

    static let servicesPerCall = 10

    /// The service as ECS describes it now; nil when ECS does not know it.
    func describe(cluster: String, service: String) async throws -> ECSService? {
        try await reads.read(service, in: cluster)
    }
}
