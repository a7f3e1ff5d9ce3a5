import CygniControlPlaneAPI
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /v1/rollouts` (paged, `active` filter), `GET /v1/rollouts/{id}`, and `POST /v1/rollouts`
/// (a deploy, once per `Idempotency-Key`).
struct RolloutRoutes {
    let gate: Gatekeeper
    let world: WorldBackend
    let deploys: DeployService
    let snapshots: RolloutSnapshots

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/rollouts") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let query = try request.queryValues(allowed: ["active"] + PageRequest.parameters)
            let page = try PageRequest(query: query)
            let active = try RolloutPage.activeFilter(query)
            let gzip = Gzip.isAccepted(by: request.headers[.acceptEncoding])
            let answer = try await snapshots.page(.init(activeOnly: active, page: page), gzip: gzip) { rollouts, now in
                JSONBody.encode(try RolloutPage(rollouts, activeOnly: active, page: page, now: now))
            }
            return JSONBody.response(buffer: answer.body, gzipped: answer.gzipped)
        }
        router.post("/v1/rollouts") { request, _ -> Response in
            var request = request
            let principal = try await gate.admit(request, to: .read)
            let dryRun = try Self.dryRun(request.queryValues(allowed: ["dryRun"]))
            let body = try await request.collectBody(upTo: DeployRequest.bodyLimit)
            let deploy = try DeployRequest(
                body: Data(buffer: body), idempotencyKey: request.headers[CommandRoutes.idempotencyKey], analysisBase: world.deploys.analysisBase)
            try await gate.authorize(principal, to: .deploy, environment: deploy.spec.cluster, rolloutID: nil)
            if dryRun { return JSONBody.response(try await deploys.preview(deploy)) }
            let answer = try await deploys.execute(deploy, by: principal)
            return JSONBody.response(data: Data(answer.body), status: HTTPResponse.Status(code: answer.status))
        }
        router.get("/v1/rollouts/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            _ = try await gate.admit(request, to: .read, rolloutID: id)
            guard let rollout = try await snapshots.rollouts().first(where: { $0.id == id }) else {
                throw APIError.notFound("no rollout \(TokenVerifier.printable(id))")
            }
            return JSONBody.response(RolloutDocument(rollout))
        }
    }

    /// `?dryRun=true`: the deploy checked and planned, nothing started (the Kubernetes API's
    /// name for it). The Idempotency-Key is checked too, so the same request can follow.
    static func dryRun(_ query: [String: String]) throws(APIError) -> Bool {
        switch query["dryRun"] {
        case nil, "false": return false
        case "true": return true
        case let other?: throw .badRequest("dryRun must be true or false, not \(TokenVerifier.printable(other))")
        }
    }
}
