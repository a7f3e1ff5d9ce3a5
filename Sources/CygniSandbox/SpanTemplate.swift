/// The shape of a request through the services: each root service's operation and the calls it
/// makes. `share` is the part of the parent's time a call takes.
struct SpanTemplate: Sendable {
    var service: String
    var name: String
    var share: Double
    var children: [SpanTemplate]

    private static let selectItems = SpanTemplate(service: "catalog", name: "SELECT items", share: 0.6, children: [])
    private static let getItem = SpanTemplate(service: "catalog", name: "GET /items/{id}", share: 0.25, children: [selectItems])
    private static let insertLedger = SpanTemplate(
        service: "payments", name: "INSERT ledger_entries", share: 0.4, children: [])
    private static let charge = SpanTemplate(service: "payments", name: "POST /charges", share: 0.5, children: [insertLedger])
    private static let queryIndex = SpanTemplate(service: "search", name: "query index", share: 0.5, children: [])
    private static let search = SpanTemplate(service: "search", name: "GET /search", share: 0.5, children: [queryIndex])

    /// The request a service answers at the root of a trace.
    static func root(of service: String) -> SpanTemplate {
        switch service {
        case "checkout":
            return SpanTemplate(service: service, name: "POST /checkout", share: 1, children: [getItem, charge])
        case "payments":
            return SpanTemplate(service: service, name: "POST /charges", share: 1, children: [insertLedger])
        case "catalog":
            return SpanTemplate(service: service, name: "GET /items/{id}", share: 1, children: [selectItems])
        case "search":
            return SpanTemplate(
                service: service, name: "GET /search", share: 1,
                children: [SpanTemplate(service: "search", name: "query index", share: 0.4, children: []), getItem])
        default:
            return SpanTemplate(service: service, name: "GET /api/home", share: 1, children: [getItem, search])
        }
    }

    /// A database call rather than an HTTP request.
    static func isQuery(_ name: String) -> Bool { !name.contains("/") }
}
