import CygniAWS

/// DescribeServices shared by the rollouts of one round: the services asked for within a moment
/// of each other are described together, up to ten per call and cluster as ECS allows, so a
/// hundred rollouts cost ten calls a round instead of a hundred.
actor ServiceDescriptions {
    private struct Asking {
        var service: String
        var continuation: CheckedContinuation<ECSService?, any Error>
    }

    private let client: AWSClient
    /// How long the first asker waits for others before its cluster's call goes out.
    private let gathering: Duration
    private var asking: [String: [Asking]] = [:]

    init(client: AWSClient, gathering: Duration = .milliseconds(20)) {
        self.client = client
        self.gathering = gathering
    }

    /// The service as ECS describes it now; nil when ECS does not know it.
    func describe(cluster: String, service: String) async throws -> ECSService? {
        try await withCheckedThrowingContinuation { continuation in
            asking[cluster, default: []].append(Asking(service: service, continuation: continuation))
            let count = asking[cluster]?.count ?? 0
            if count >= Self.servicesPerCall {
                send(cluster)
            } else if count == 1 {
                Task { [gathering] in
                    try? await Task.sleep(for: gathering)
                    self.send(cluster)
                }
            }
        }
    }

    private static let servicesPerCall = 10

    /// Sends what is waiting for `cluster` (a timer finding it sent already does nothing).
    private func send(_ cluster: String) {
        guard let batch = asking.removeValue(forKey: cluster), !batch.isEmpty else { return }
        let ecs = ECSClient(client)
        Task {
            let names = Array(Set(batch.map(\.service))).sorted()
            do {
                let described = try await ecs.describeServices(cluster: cluster, services: names)
                for asker in batch {
                    asker.continuation.resume(returning: described.first { $0.answers(asker.service) })
                }
            } catch {
                for asker in batch { asker.continuation.resume(throwing: error) }
            }
        }
    }
}

extension ECSService {
    /// True when `reference` (a name or an ARN, as DescribeServices takes) is this service.
    fileprivate func answers(_ reference: String) -> Bool {
        reference == name || reference == arn
    }
}
