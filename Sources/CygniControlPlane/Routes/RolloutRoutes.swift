import CygniControlPlaneAPI
import Hummingbird

/// `GET /v1/rollouts` (paged, `active` filter) and `GET /v1/rollouts/{id}`.
struct RolloutRoutes {
    let gate: Gatekeeper
    let world: WorldBackend

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/rollouts") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let query = request.queryValues
            let page = try PageRequest(query: query)
            let active = try RolloutPage.activeFilter(query)
            let rollouts = try await world.controlPlane.rollouts()
            return JSONBody.response(try RolloutPage(rollouts, activeOnly: active, page: page, now: await world.clock.now()))
        }
        router.get("/v1/rollouts/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            _ = try await gate.admit(request, to: .read, rolloutID: id)
            guard let rollout = try await world.controlPlane.rollouts().first(where: { $0.id == id }) else {
                throw APIError.notFound("no rollout \(TokenVerifier.printable(id))")
            }
            return JSONBody.response(RolloutDocument(rollout))
        }
    }
}
