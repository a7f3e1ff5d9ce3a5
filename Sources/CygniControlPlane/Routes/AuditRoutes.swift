import CygniControlPlaneAPI
import Hummingbird

/// `GET /v1/audit`: the chain, admins only, oldest first, `limit` and `cursor`.
struct AuditRoutes {
    let gate: Gatekeeper
    let store: any ControlPlaneStore

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/audit") { request, _ -> Response in
            _ = try await gate.admit(request, to: .audit)
            let page = try PageRequest(query: request.queryValues(allowed: PageRequest.parameters))
            var after: Int64 = 0
            if let position = page.after {
                guard let seq = Int64(position), seq >= 0 else { throw PageRequest.foreignCursor }
                after = seq
            }
            // One more than asked tells whether there is a next page.
            let records = try await store.audit(after: after, limit: page.limit + 1)
            let shown = records.prefix(page.limit)
            let next = records.count > page.limit ? shown.last.map { PageRequest.cursor(after: String($0.seq)) } : nil
            return JSONBody.response(AuditPage(entries: shown.map(AuditPage.Entry.init), nextCursor: NullableField(next)))
        }
    }
}
