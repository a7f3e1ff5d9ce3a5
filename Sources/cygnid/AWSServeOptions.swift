import ArgumentParser
import CygniAWS
import CygniAWSProvider
import CygniControlPlane
import Foundation

/// `cygnid serve --aws`: the account the engine drives, and how this replica shares it.
struct AWSServeOptions: ParsableArguments {
    @Flag(help: "Drive rollouts on AWS (ECS task sets behind an ALB) with the engine.")
    var aws = false

    @Option(help: "AWS profile (as in ~/.aws/config); wins over AWS_PROFILE.")
    var profile: String?

    @Option(help: "AWS region; wins over AWS_REGION and the profile.")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: "Endpoint URL for every AWS service (http:// only for loopback).")
    var endpointURL: String?

    @Option(help: "This replica's name in rollout leases (default: HOST-PID).")
    var replicaId: String?

    @Option(help: "How long a rollout's lease lasts without renewal, e.g. 15s: a stopped replica's rollouts move on after it.")
    var leaseTtl = "15s"

    @Option(help: "Seconds between reads of task-set and target health while a rollout changes (every 300 s in a settled bake).")
    var healthEvery = 5.0

    @Option(help: "Seconds a minute of ALB metrics is given to arrive before it is read.")
    var metricsLag = 120.0

    func validate() throws {
        guard aws else {
            if profile != nil || region != nil || endpointURL != nil || replicaId != nil {
                throw ValidationError("--profile, --region, --endpoint-url and --replica-id need --aws")
            }
            return
        }
        if let endpointURL, Endpoint(endpointURL) == nil {
            throw ValidationError("--endpoint-url must be an http(s) URL, not \"\(endpointURL)\"")
        }
        if let replicaId, replicaId.isEmpty || replicaId.count > 200 || !replicaId.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            throw ValidationError("--replica-id must be 1 to 200 ASCII characters without spaces")
        }
        _ = try leaseDuration()
        guard healthEvery > 0, healthEvery <= 300 else { throw ValidationError("--health-every must be above 0 and at most 300 seconds") }
        guard metricsLag >= 0, metricsLag <= 900 else { throw ValidationError("--metrics-lag must be 0 to 900 seconds") }
    }

    private func leaseDuration() throws -> Duration {
        guard let seconds = TimeSpan.seconds(leaseTtl), seconds >= 3, seconds <= 600 else {
            throw ValidationError("--lease-ttl must be a duration from 3s to 10m, such as 15s")
        }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The AWS world's options, or nil without --aws. Fails when no region can be found.
    func worldOptions() throws -> AWSWorldOptions? {
        guard aws else { return nil }
        let configuration = AWSConfiguration.resolve(ConfigurationOverrides(profile: profile, region: region, endpointURL: endpointURL))
        guard let region = configuration.region else {
            throw ValidationError("no AWS region: pass --region, or set AWS_REGION or a region in the profile")
        }
        // Each request of a write gives up after 10 s, within the lease, to be tried again.
        let client = AWSClient(
            configuration: configuration, transferOptions: TransferOptions(connectTimeout: 5, timeout: 10))
        let ttl = try leaseDuration()
        return AWSWorldOptions(
            client: client, region: region,
            timing: ProviderTiming(healthEvery: healthEvery, outsideCheckEvery: max(healthEvery, 10), metricsLag: metricsLag),
            replica: replicaId ?? AWSWorldOptions.defaultReplica(), leaseTTL: ttl)
    }
}
