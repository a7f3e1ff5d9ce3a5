/// The text of Server-Sent Events on the wire (WHATWG HTML, "server-sent events").
enum ServerSentEvent {
    /// One event: its id (what `Last-Event-ID` sends back), its type, and its one-line JSON data.
    static func format(_ event: StoredEvent) -> String {
        // The data is JSON from our own encoder: one line, so one `data:` field holds it.
        "id: \(event.id)\nevent: \(event.draft.type)\ndata: \(event.draft.data)\n\n"
    }

    /// A comment line, which clients ignore and proxies count as traffic.
    static let keepAlive = ": keep-alive\n\n"

    /// How long a client waits before reconnecting, in milliseconds.
    static func retry(milliseconds: Int) -> String { "retry: \(milliseconds)\n\n" }
}
