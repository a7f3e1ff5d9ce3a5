import CygniAWS
import CygniClients
import Foundation

/// Follows `GET /v1/events` for as long as it is iterated: it connects, parses the stream,
/// and when the stream ends or fails it waits and connects again with `Last-Event-ID`, so
/// cygnid sends what was missed. The wait is the server's `retry:` (1 s until it says one),
/// doubled on each failure in a row up to `maximumDelay`, with jitter so many consoles do not
/// reconnect at once; a stream that opened resets it.
struct EventStreamReader: Sendable {
    enum Update: Sendable, Equatable {
        case connected
        case event(ServerSentEvent)
        case disconnected(reason: String, retryIn: Double)
    }

    let connection: ControlPlaneConnection
    var maximumDelay: Double = 10
    /// A stream silent for this long (cygnid sends a keep-alive every 15 s) is given up as dead.
    var stallTimeout: Double = 45
    /// Uniform in 0..<1; fixed in tests.
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    /// Updates until the iterating task is cancelled.
    func updates(startingAfter lastEventID: String? = nil) -> AsyncStream<Update> {
        AsyncStream(bufferingPolicy: .bufferingNewest(10_000)) { continuation in
            let task = Task {
                await run(startingAfter: lastEventID) { continuation.yield($0) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(startingAfter lastEventID: String?, emit: @escaping @Sendable (Update) -> Void) async {
        let state = StreamState(lastEventID: lastEventID)
        var failures = 0
        while !Task.isCancelled {
            let opened = await readOnce(state, emit: emit)
            if Task.isCancelled { return }
            failures = opened.connected ? 1 : failures + 1
            let base = Double(state.retryMilliseconds) / 1000
            let ceiling = min(maximumDelay, base * pow(2, Double(min(failures, 20) - 1)))
            let delay = opened.refused ? maximumDelay : ceiling * (0.5 + 0.5 * random())
            emit(.disconnected(reason: opened.reason, retryIn: delay))
            try? await Task.sleep(for: .seconds(delay))
        }
    }

    /// One connection, to its end. Whether it opened, and why it ended.
    private func readOnce(_ state: StreamState, emit: @escaping @Sendable (Update) -> Void) async -> (connected: Bool, refused: Bool, reason: String) {
        var request = HTTPRequest(method: "GET", url: connection.address.url("/v1/events"))
        request.setHeader("Authorization", "Bearer \(connection.token.value)")
        request.setHeader("Accept", "text/event-stream")
        if let last = state.lastEventID { request.setHeader("Last-Event-ID", last) }
        let options = TransferOptions(
            connectTimeout: connection.options.connectTimeout, timeout: .infinity, maxResponseBytes: 1 << 20, stallTimeout: stallTimeout)
        let reading = StreamReading(state: state, emit: emit)
        do {
            try await connection.transport.stream(request, options) { part in reading.receive(part) }
        } catch let error as TransportError {
            return (reading.opened, false, connection.unreachable(error).message)
        } catch {
            return (reading.opened, false, "cancelled")
        }
        if let refusal = reading.refusal {
            return (false, refusal.status == 401 || refusal.status == 403, connection.failure(refusal).message)
        }
        return (reading.opened, false, "cygnid at \(connection.address.host) closed the event stream")
    }
}

/// What carries over from one connection to the next: where the stream got to, and the delay
/// the server asked for.
private final class StreamState: @unchecked Sendable {
    private let lock = NSLock()
    private var _lastEventID: String?
    private var _retryMilliseconds = 1_000

    init(lastEventID: String?) {
        _lastEventID = lastEventID
    }

    var lastEventID: String? {
        get { lock.withLock { _lastEventID } }
        set { lock.withLock { _lastEventID = newValue } }
    }

    var retryMilliseconds: Int {
        get { lock.withLock { _retryMilliseconds } }
        set { lock.withLock { _retryMilliseconds = newValue } }
    }
}

/// One connection's parts as they arrive (on the transport's thread, one at a time).
private final class StreamReading: @unchecked Sendable {
    private let lock = NSLock()
    private let state: StreamState
    private let emit: @Sendable (EventStreamReader.Update) -> Void
    private var parser: ServerSentEventParser
    private var _opened = false
    private var _refusal: HTTPResponse?

    init(state: StreamState, emit: @escaping @Sendable (EventStreamReader.Update) -> Void) {
        self.state = state
        self.emit = emit
        parser = ServerSentEventParser(lastEventID: state.lastEventID)
    }

    var opened: Bool { lock.withLock { _opened } }
    /// The error answer, when the server refused the stream.
    var refusal: HTTPResponse? { lock.withLock { _refusal } }

    func receive(_ part: HTTPStreamPart) {
        lock.withLock {
            switch part {
            case .head(let status, let headers):
                if status == 200 {
                    _opened = true
                    emit(.connected)
                } else {
                    _refusal = HTTPResponse(status: status, headers: headers)
                }
            case .body(let data):
                if let refusal = _refusal {
                    // An error answer is a short JSON body; more than a page of it is not read.
                    if refusal.body.count < 16_384 { _refusal?.body.append(data.prefix(16_384 - refusal.body.count)) }
                    return
                }
                for output in parser.feed(data) {
                    switch output {
                    case .event(let event):
                        state.lastEventID = event.id
                        emit(.event(event))
                    case .retry(let milliseconds):
                        // Bounded: a server asking for an hour, or for nothing, is not obeyed to the letter.
                        state.retryMilliseconds = min(60_000, max(100, milliseconds))
                    case .comment:
                        break
                    }
                }
            }
        }
    }
}
