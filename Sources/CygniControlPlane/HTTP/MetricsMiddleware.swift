import Hummingbird
import Prometheus

/// Counts requests and times them per route template (never the raw path: ids would make a
/// series per rollout) into cygnid's own registry, which `/metrics` writes out.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    private static var buckets: [Duration] {
        [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
         .milliseconds(250), .seconds(1), .seconds(5)]
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "cygnid", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered")
    }

    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "cygnid", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
            registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
            registry.makeDurationHistogram(
                descriptor: Self.duration,
                labels: [("method", request.method.rawValue), ("route", route)], buckets: Self.buckets
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
