import Foundation
import Hummingbird
import Prometheus

/// `GET /v1/openapi.yaml` (the API's description, no auth) and `GET /metrics` (Prometheus text).
struct DocumentRoutes {
    let metrics: PrometheusCollectorRegistry

    /// The OpenAPI document shipped with the server, read once.
    static let openAPI: Data? = Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? Data(contentsOf: $0) }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/openapi.yaml") { _, _ -> Response in
            guard let document = Self.openAPI else { throw APIError.notFound("the OpenAPI document is not installed beside cygnid") }
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }
}
