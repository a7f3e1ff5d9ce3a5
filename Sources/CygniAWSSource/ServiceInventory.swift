import CygniAWS
import Foundation

/// One ECS service as last described, with the cluster it runs in.
public struct ObservedService: Sendable, Equatable {
    public var cluster: String
    public var service: ECSService

    public init(cluster: String, service: ECSService) {
        self.cluster = cluster
        self.service = service
    }

    /// Every target group the service or its task sets register with, in task-set order, and
    /// the alternate groups ECS moves traffic to in its own blue/green deployments.
    public var targetGroupARNs: [String] {
        var arns: [String] = []
        for balancer in service.loadBalancers + service.taskSets.flatMap(\.loadBalancers) {
            for arn in [balancer.targetGroupARN, balancer.alternateTargetGroupARN].compactMap({ $0 }) where !arns.contains(arn) { arns.append(arn) }
        }
        return arns
    }
}

/// Finds the ECS services to watch: those of the named clusters, or of every cluster in the
/// region. Task definitions are immutable per revision, so they are described once and kept.
public actor ServiceInventory {
    public let client: AWSClient
    public let clusters: [String]
    private var taskDefinitions: [String: ECSTaskDefinition] = [:]
    /// Service revisions are immutable too.
    private var serviceRevisions: [String: ECSServiceRevision] = [:]
    private var loadBalancerOfTargetGroup: [String: String?] = [:]
    /// Services come and go rarely; telemetry asks for them on every refresh.
    private let watchedCache = TimedCache<[WatchedService]>(maxAge: 60, failureMaxAge: 15, now: Date.init)
    /// Which services each cluster has, listed again once a minute; their descriptions (task
    /// sets, deployments) are read on every refresh. A failed listing is not kept.
    private let serviceNames = TimedCache<[ClusterServices]>(maxAge: 60, failureMaxAge: 0, now: Date.init)

    private struct ClusterServices: Sendable {
        var cluster: String
        var services: [String]
    }

    public init(client: AWSClient, clusters: [String] = []) {
        self.client = client
        self.clusters = clusters
    }

    public func services() async throws -> [ObservedService] {
        let ecs = ECSClient(client)
        let listed = try await serviceNames.value { [clusters] in
            var names = clusters
            if names.isEmpty {
                names = try await ecs.listClusters().map(Self.name(fromARN:))
            }
            var listed: [ClusterServices] = []
            for cluster in names {
                listed.append(ClusterServices(cluster: cluster, services: try await ecs.listServices(cluster: cluster).map(Self.name(fromARN:))))
            }
            return listed
        }
        var observed: [ObservedService] = []
        for (cluster, names) in listed.map({ ($0.cluster, $0.services) }) {
            for chunk in names.chunked(10) {
                observed += try await ecs.describeServices(cluster: cluster, services: Array(chunk))
                    .filter { $0.status == "ACTIVE" }
                    .map { ObservedService(cluster: cluster, service: $0) }
            }
        }
        return observed.sorted { ($0.cluster, $0.service.name) < ($1.cluster, $1.service.name) }
    }

    public func taskDefinition(_ arn: String) async throws -> ECSTaskDefinition {
        if let known = taskDefinitions[arn] { return known }
        let described = try await ECSClient(client).describeTaskDefinition(arn)
        taskDefinitions[arn] = described
        return described
    }

    /// The named service revisions that ECS knows, described once each.
    public func serviceRevisions(_ arns: [String]) async throws -> [String: ECSServiceRevision] {
        let unknown = Set(arns).subtracting(serviceRevisions.keys).sorted()
        if !unknown.isEmpty {
            for revision in try await ECSClient(client).describeServiceRevisions(unknown) { serviceRevisions[revision.arn] = revision }
        }
        return serviceRevisions.filter { arns.contains($0.key) }
    }

    /// `watched()`, read again at most once a minute.
    public func cachedWatched() async throws -> [WatchedService] {
        try await watchedCache.value { try await self.watched() }
    }

    /// What the telemetry needs to know of each service: log groups and target groups.
    public func watched() async throws -> [WatchedService] {
        let region = client.configuration.region ?? ""
        var result: [WatchedService] = []
        for observed in try await services() {
            let definitionARNs = [observed.service.taskDefinition] + observed.service.taskSets.map(\.taskDefinition)
                + observed.service.deployments.map(\.taskDefinition)
            var groups: [String] = []
            for arn in Set(definitionARNs) where !arn.isEmpty {
                for group in try await taskDefinition(arn).logGroups where !groups.contains(group) { groups.append(group) }
            }
            if groups.isEmpty { groups = ["/ecs/\(observed.service.name)"] }
            var targets: [MetricTarget] = []
            for arn in observed.targetGroupARNs {
                targets.append(MetricTarget(targetGroupARN: arn, loadBalancerARN: try await loadBalancer(of: arn)))
            }
            result.append(WatchedService(cluster: observed.cluster, name: observed.service.name, region: region, logGroups: groups.sorted(), targets: targets))
        }
        return result
    }

    /// The first load balancer using a target group (ECS services sit behind one).
    public func loadBalancer(of targetGroupARN: String) async throws -> String? {
        if let known = loadBalancerOfTargetGroup[targetGroupARN] { return known }
        let group = try await ELBv2Client(client).describeTargetGroups(arns: [targetGroupARN]).first
        let balancer = group?.loadBalancerARNs.first
        loadBalancerOfTargetGroup[targetGroupARN] = balancer
        return balancer
    }

    /// "arn:aws:ecs:REGION:ACCOUNT:cluster/NAME" and ".../service/CLUSTER/NAME" -> NAME.
    static func name(fromARN arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
