import CCurl
import Foundation

/// One thread driving one libcurl multi handle. Every routine transfer of the process goes
/// through `shared`, so connections are reused per host and HTTP/2 streams multiplexed; Swift
/// tasks only wait. Urgent ones go through `urgent`, with connections of their own: a rollback's
/// ModifyListener must not queue behind a fleet's reads for one of `shared`'s connections.
/// A cancelled task wakes the loop, which removes the easy handle: the transfer is aborted at once.
final class CurlEventLoop: @unchecked Sendable {
    static let shared = CurlEventLoop(name: "cygni.curl")
    static let urgent = CurlEventLoop(name: "cygni.curl.urgent")

    static func serving(_ priority: TransferPriority) -> CurlEventLoop {
        switch priority {
        case .routine: shared
        case .urgent: urgent
        }
    }

    private let multi: UnsafeMutableRawPointer
    /// Handed over from callers to the loop thread.
    private let inbox = Locked<(starting: [CurlTransfer], cancelling: [CurlTransfer])>(([], []))
    /// Only touched on the loop thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    private init(name: String) {
        // Thread-safe from libcurl 7.84 on, and a no-op when called again.
        curl_global_init(Int(CURL_GLOBAL_ALL))
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        _ = cygni_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = cygni_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 8)
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Runs one transfer; with `receive`, the response is handed over as it arrives instead of
    /// being collected (the returned body is then empty).
    func perform(_ request: HTTPRequest, options: TransferOptions, receive: (@Sendable (HTTPStreamPart) -> Void)? = nil) async throws -> HTTPResponse {
        guard let endpoint = Endpoint(request.url) else { throw TransportError.invalidURL(request.url) }
        guard endpoint.scheme == "https" || endpoint.allowsPlainHTTP else {
            throw TransportError.insecureEndpoint(host: endpoint.host)
        }
        try Task.checkCancellation()
        let transfer = try CurlTransfer(request: request, endpoint: endpoint, options: options, receiver: receive)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if transfer.attach(continuation) {
                    inbox.withLock { $0.starting.append(transfer) }
                    curl_multi_wakeup(multi)
                }
            }
        } onCancel: {
            if transfer.requestCancel() {
                inbox.withLock { $0.cancelling.append(transfer) }
                curl_multi_wakeup(multi)
            }
        }
    }

    private func run() {
        while true {
            let (starting, cancelling) = inbox.withLock { box in
                defer { box = ([], []) }
                return box
            }
            for transfer in starting {
                if transfer.isCancelRequested {
                    transfer.finish(.failure(CancellationError()))
                    continue
                }
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            for transfer in cancelling {
                guard active.removeValue(forKey: transfer.easy) != nil else { continue }
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.finish(.failure(CancellationError()))
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                active.removeValue(forKey: easy)?.finish(code: code)
            }
            // Sleeps until a socket is ready, a timer is due, or curl_multi_wakeup.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }
}
