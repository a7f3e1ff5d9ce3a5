import CygniAWS

/// DescribeServiceDeployments shared by the rounds of every rollout ECS deploys itself: the
/// deployments asked for within a moment of each other are described together, twenty per call
/// as ECS allows, so a hundred such rollouts cost five calls a round instead of a hundred.
struct DeploymentDescriptions: Sendable {
    private let reads: GatheredReads<ECSServiceDeployment>

    init(client: AWSClient, gathering: Duration = .milliseconds(20)) {
        reads = GatheredReads(perCall: Self.deploymentsPerCall, gathering: gathering) { _, arns in
            var byARN: [String: ECSServiceDeployment] = [:]
            for deployment in try await ECSClient(client).describeServiceDeployments(arns) { byARN[deployment.arn] = deployment }
            return byARN
        }
    }

    static let deploymentsPerCall = 20

    /// The deployment as ECS describes it now; nil when ECS does not know it.
    func describe(_ arn: String) async throws -> ECSServiceDeployment? {
        // One group: the ARN names the cluster and service, and one call takes any mix of them.
        try await reads.read(arn, in: "")
    }
}
