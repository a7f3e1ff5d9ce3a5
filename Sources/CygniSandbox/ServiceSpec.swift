/// What a service is like when it is healthy: its load, its task size and its latency.
struct ServiceSpec: Equatable, Sendable {
    var name: String
    /// Requests per second in eu-west-1 at the daily peak.
    var peakRequestsPerSecond: Double
    var taskSize: TaskSize
    var tasksPerRegion: Int
    var latencyMedianMilliseconds: Double
    /// Spread of the logarithm of latency; kept small enough that the latency SLO holds.
    var latencySigma: Double
    /// Fraction of requests answered with a 5xx on a good day.
    var baselineErrorRate: Double

    static let environment = "production"

    /// The CloudWatch log group a service writes to (awslogs driver).
    static func logGroup(of service: String) -> String {
        "/ecs/\(environment)/\(service)"
    }

    static let gateway = ServiceSpec(
        name: "gateway", peakRequestsPerSecond: 240, taskSize: TaskSize(vCPU: 0.5, memoryGB: 1), tasksPerRegion: 4,
        latencyMedianMilliseconds: 30, latencySigma: 0.5, baselineErrorRate: 0.0002)
    static let checkout = ServiceSpec(
        name: "checkout", peakRequestsPerSecond: 90, taskSize: TaskSize(vCPU: 0.5, memoryGB: 1), tasksPerRegion: 6,
        latencyMedianMilliseconds: 45, latencySigma: 0.6, baselineErrorRate: 0.0003)
    static let payments = ServiceSpec(
        name: "payments", peakRequestsPerSecond: 30, taskSize: TaskSize(vCPU: 1, memoryGB: 2), tasksPerRegion: 3,
        latencyMedianMilliseconds: 70, latencySigma: 0.5, baselineErrorRate: 0.0002)
    static let catalog = ServiceSpec(
        name: "catalog", peakRequestsPerSecond: 180, taskSize: TaskSize(vCPU: 0.25, memoryGB: 0.5), tasksPerRegion: 4,
        latencyMedianMilliseconds: 20, latencySigma: 0.7, baselineErrorRate: 0.0001)
    static let search = ServiceSpec(
        name: "search", peakRequestsPerSecond: 110, taskSize: TaskSize(vCPU: 1, memoryGB: 2), tasksPerRegion: 3,
        latencyMedianMilliseconds: 60, latencySigma: 0.5, baselineErrorRate: 0.0003)

    /// Every service of the sandbox, in the order panes list them.
    static let all = [checkout, payments, catalog, search, gateway]
}

/// The versions running everywhere before anything is released.
enum CurrentVersions {
    static func version(of service: String) -> String {
        switch service {
        case "checkout": return "v1.41.2"
        case "payments": return "v2.14.0"
        case "catalog": return "v3.9.1"
        case "search": return "v1.8.3"
        default: return "v3.2.7"
        }
    }
}
