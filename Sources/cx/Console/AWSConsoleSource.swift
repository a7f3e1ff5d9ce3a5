import ArgumentParser
import CygniAWS
import CygniAWSSource
import CygniClients
import CygniRollout

extension ConsoleSetup {
    /// AWS clients from the flags and the AWS configuration. Without a region the rollouts and
    /// telemetry cannot be read: that is a usage error, said before the screen opens. Commands
    /// that need none (`cx doctor` reports it, `cx cost` and `cx cost diff` ask global services)
    /// pass `needsRegion: false`.
    static func awsClients(_ source: SourceOptions, includeCost: Bool, journal: Bool, needsRegion: Bool = true) throws -> Clients {
        let configuration = source.awsFlags.configuration
        guard configuration.region != nil || !needsRegion else {
            throw ValidationError("no AWS region: pass --region, set AWS_REGION, or set region in profile \(configuration.profile)")
        }
        let audit = journal ? AuditWriter.journal(AuditJournal(url: AuditJournal.defaultURL())) : nil
        return Clients.aws(
            client: AWSClient(configuration: configuration), clusters: source.clusters, label: source.awsLabel(configuration),
            includeCost: includeCost, audit: audit
        )
    }
}
