import CygniAWS
import CygniAWSSource

extension ServiceLayout {
    /// Reads how the service is wired, or says why cygnid cannot roll it out: it must use the
    /// EXTERNAL deployment controller, run one PRIMARY task set and no other, and that set's
    /// target group must sit in a weighted forward with exactly one second group, at weight 0.
    /// `described` is the service as just read, when the caller has it.
    static func discover(cluster: String, service name: String, described: ECSService?, region: String, client: AWSClient) async throws -> ServiceLayout {
        let found = if let described { described } else { try await ECSClient(client).describeServices(cluster: cluster, services: [name]).first }
        guard let service = found, service.status != "INACTIVE" else {
            throw ProviderRefusal(.invalid, "service \(name) was not found in cluster \(cluster)")
        }
        guard service.deploymentController == "EXTERNAL" else {
            throw ProviderRefusal(
                .invalid,
                "service \(cluster)/\(name) uses the \(service.deploymentController) deployment controller; cygnid rolls out services with the EXTERNAL controller (task sets): see docs/control-plane.md, \"Preparing a service\"")
        }
        guard let primary = service.taskSets.first(where: { $0.status == "PRIMARY" }) else {
            throw ProviderRefusal(.invalid, "service \(cluster)/\(name) has no PRIMARY task set to roll out from")
        }
        if let other = service.taskSets.first(where: { $0.status == "ACTIVE" }) {
            throw ProviderRefusal(
                .conflict, "service \(cluster)/\(name) already runs a second task set (\(other.id)): a rollout is under way outside cygnid; finish it or roll it back first")
        }
        guard let attachment = primary.loadBalancers.first, let stableGroup = attachment.targetGroupARN,
            let containerName = attachment.containerName, let containerPort = attachment.containerPort
        else {
            throw ProviderRefusal(.invalid, "the PRIMARY task set of \(cluster)/\(name) is not registered with a target group (loadBalancers with targetGroupArn, containerName, containerPort)")
        }
        let elb = ELBv2Client(client)
        guard let loadBalancer = try await elb.describeTargetGroups(arns: [stableGroup]).first?.loadBalancerARNs.first else {
            throw ProviderRefusal(.invalid, "target group \(stableGroup) of \(cluster)/\(name) is not used by any load balancer")
        }
        let sites = try await TrafficSites(client: client).sites(loadBalancerARN: loadBalancer, naming: stableGroup)
        let pairs = Set(sites.map { site in site.action.targetGroups.map(\.targetGroupARN).filter { $0 != stableGroup } })
        guard let others = pairs.first, pairs.count == 1, others.count == 1, let canaryGroup = others.first else {
            throw ProviderRefusal(
                .invalid,
                sites.isEmpty
                    ? "no listener of \(loadBalancer) forwards to \(stableGroup); cygnid moves traffic by the weights of one forward naming two target groups"
                    : "the forwards naming \(stableGroup) do not all name exactly one second target group; cygnid needs one weighted forward of two groups (the second at weight 0)")
        }
        if let why = TrafficSites.whyUnwritable(sites) { throw ProviderRefusal(.invalid, why) }
        if let split = sites.first(where: { ($0.weight(of: canaryGroup) ?? 0) > 0 }) {
            throw ProviderRefusal(
                .conflict,
                "\(split.ruleARN ?? split.listenerARN) already sends traffic to \(canaryGroup) (weight \(split.weight(of: canaryGroup) ?? 0)); set it to 0 before a rollout")
        }
        return ServiceLayout(
            cluster: cluster, service: name, region: region, desiredCount: service.desiredCount, stableTaskSetARN: primary.arn,
            stableTaskSetID: primary.id, stableTaskDefinition: primary.taskDefinition, stableGroup: stableGroup, canaryGroup: canaryGroup,
            loadBalancerARN: loadBalancer, containerName: containerName, containerPort: containerPort, placement: primary.placement)
    }
}
