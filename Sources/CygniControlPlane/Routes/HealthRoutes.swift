import Hummingbird

/// `/healthz` (the process answers) and `/readyz` (its store answers): no auth, for load balancers.
struct HealthRoutes {
    let store: any ControlPlaneStore

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            JSONBody.response(["status": "ok"])
        }
        router.get("/readyz") { _, _ -> Response in
            do {
                _ = try await store.latestEventID()
                return JSONBody.response(["status": "ready"])
            } catch {
                return JSONBody.response(data: APIError(status: .serviceUnavailable, code: "not_ready", message: "the store does not answer").body, status: .serviceUnavailable)
            }
        }
    }
}
