import CygniClients

/// What the telemetry routes read from the world: the clients the console itself uses on that
/// source (the sandbox's simulated telemetry; X-Ray, CloudWatch, CloudWatch Logs and Cost
/// Explorer on AWS), so cygnid serves what a console on the source would show.
struct WorldReads: Sendable {
    var telemetry: TelemetryClient
    var cost: CostClient
    var traceSearch: TraceSearchClient
    var spend: SpendClient
    var doctor: DoctorClient
    var awsUsage: AWSUsageClient

    init(_ clients: Clients) {
        telemetry = clients.telemetry
        cost = clients.cost
        traceSearch = clients.traceSearch
        spend = clients.spend
        doctor = clients.doctor
        awsUsage = clients.awsUsage
    }
}
