import CygniAWS
import CygniClients
import CygniModel
import CygniRollout
import Foundation

extension Clients {
    /// The console's clients on an AWS account: rollouts and commands from ECS and ELBv2,
    /// telemetry from X-Ray, CloudWatch and CloudWatch Logs, spend from Cost Explorer, prices from
    /// the Pricing API, and the AWS checks of `cx doctor`.
    /// - Parameters:
    ///   - clusters: the clusters to watch; every cluster of the region when empty.
    ///   - includeCost: false for commands that never show cost: each Cost Explorer request
    ///     costs $0.01, so they must not make one (neither the cost pane's nor `cx cost`'s).
    ///   - audit: where operator commands are journaled (the live console, the CLI commands).
    public static func aws(
        client: AWSClient, clusters: [String], label: String, includeCost: Bool = true, audit: AuditWriter? = nil
    ) -> Clients {
        let inventory = ServiceInventory(client: client, clusters: clusters)
        let controlPlane = AWSControlPlane(client: client, inventory: inventory, audit: audit)
        let spend = CostClient.aws(client: client)
        let cost = includeCost
            ? CostClient {
                var report = try await spend.report()
                report.rolloutDeltas = await controlPlane.rolloutCostDeltas()
                return report
            }
            : CostClient { throw ClientError.notRead("cost is not read by this command") }
        var clients = Clients(
            source: SourceDescription(kind: .aws, label: label),
            controlPlane: controlPlane.controlPlaneClient,
            telemetry: .aws(client: client, inventory: { try await inventory.cachedWatched() }),
            cost: cost,
            clock: WorldClock { Date() }
        )
        clients.traceSearch = .aws(client: client, inventory: { try await inventory.cachedWatched() })
        clients.spend = includeCost ? .aws(client: client) : SpendClient { _ in throw ClientError.notRead("cost is not read by this command") }
        clients.prices = .aws(configuration: client.configuration)
        clients.doctor = .aws(client: client)
        clients.awsUsage = .meter(client.usage, asker: .console)
        return clients
    }
}
