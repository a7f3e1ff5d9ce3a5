import Hummingbird
import HTTPTypes
import NIOCore

/// `GET /v1/events`: Server-Sent Events from the store's event log. Each event carries its id;
/// a client that reconnects with `Last-Event-ID` gets everything after it, then live events.
struct EventRoutes {
    let gate: Gatekeeper
    let store: any ControlPlaneStore
    let events: EventHub

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/events") { request, _ -> Response in
            _ = try await gate.admit(request, to: .read)
            let latest = try await store.latestEventID()
            let start: Int64
            if let header = request.headers[HTTPField.Name("Last-Event-ID")!] {
                guard let id = Int64(header.trimmingCharacters(in: .whitespaces)), id >= 0 else {
                    throw APIError.badRequest("Last-Event-ID must be the id of an event this server sent (a non-negative integer)")
                }
                // A later id than any logged is not one this log sent (another server's, or a
                // store started afresh): resuming from it would skip every event up to it.
                guard id <= latest else {
                    throw APIError.badRequest("Last-Event-ID \(id) is after the newest event (\(latest)); reconnect without it to follow from now")
                }
                start = id
            } else {
                start = latest
            }
            // Subscribe before reading the backlog: an event logged in between wakes us, not lost.
            guard let signals = await events.subscribe(newest: latest) else {
                throw APIError(
                    status: .serviceUnavailable, code: "unavailable",
                    message: "this server already serves \(events.maximumSubscribers) event streams; retry later or use another replica")
            }
            let store = self.store
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                var last = start
                try await writer.write(ByteBuffer(string: ServerSentEvent.retry(milliseconds: 2_000)))
                last = try await Self.send(after: last, from: store, to: &writer)
                for await signal in signals {
                    switch signal {
                    case .keepAlive:
                        try await writer.write(ByteBuffer(string: ServerSentEvent.keepAlive))
                    case .logged(let batch):
                        // Behind the batch: what lies between comes from the store.
                        if batch.after > last { last = try await Self.send(after: last, from: store, to: &writer) }
                        if let newer = batch.text(after: last) {
                            try await writer.write(newer.text)
                            last = newer.last
                        }
                    }
                }
                try await writer.finish(nil)
            })
        }
    }

    /// Writes every logged event after `id`; returns the last id written.
    private static func send(after id: Int64, from store: any ControlPlaneStore, to writer: inout any ResponseBodyWriter) async throws -> Int64 {
        var last = id
        while true {
            let page = try await store.events(after: last, limit: EventHub.pageSize)
            guard !page.isEmpty else { return last }
            try await writer.write(ByteBuffer(string: page.map(ServerSentEvent.format).joined()))
            last = page.last!.id
            if page.count < EventHub.pageSize { return last }
        }
    }
}
