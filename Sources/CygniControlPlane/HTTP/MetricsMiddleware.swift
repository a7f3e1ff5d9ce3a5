import Hummingbird
import Prometheus

/// Counts requests and times them per route template (never the raw path: ids would make a
/// series per rollout) into cygnid's own registry, which `/metrics` writes out.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
            registry.makeCounter(name: HTTPMetric.requests, labels: labels, help: HTTPMetric.requestsHelp).increment()
            registry.makeDurationHistogram(
                name: HTTPMetric.duration, labels: [("method", request.method.rawValue), ("route", route)], buckets: HTTPMetric.buckets,
                help: HTTPMetric.durationHelp
            ).record(ContinuousClock.now - started)
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}

/// The request metrics' names, spelled out once (a `MetricNameDescriptor` builds its name anew
/// each time it is asked, which was on every request).
private enum HTTPMetric {
    static let requests = "cygnid_http_requests_total"
    static let requestsHelp = "HTTP requests answered"
    static let duration = "cygnid_http_request_duration_seconds"
    static let durationHelp = "Time to answer an HTTP request"
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .seconds(1), .seconds(5),
    ]
}
