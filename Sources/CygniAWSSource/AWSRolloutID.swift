/// The id the AWS source gives a rollout: "CLUSTER/SERVICE/NEW-SIDE", where the new side is the
/// canary task set's id or the new deployment's (both may hold slashes, as "ecs-svc/123").
struct AWSRolloutID: Equatable, Sendable {
    var cluster: String
    var service: String
    var newSide: String

    init(cluster: String, service: String, newSide: String) {
        self.cluster = cluster
        self.service = service
        self.newSide = newSide
    }

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return nil }
        (cluster, service, newSide) = (parts[0], parts[1], parts[2])
    }

    var text: String { "\(cluster)/\(service)/\(newSide)" }
    /// The key rollouts of one service share.
    var serviceKey: String { "\(cluster)/\(service)" }
}
