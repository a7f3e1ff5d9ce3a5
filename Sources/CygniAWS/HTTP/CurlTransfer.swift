import CCurl
import Foundation

/// One libcurl easy handle with the buffers its callbacks fill. Created on the caller's task,
/// driven and finished on the event loop's thread; `finish` runs exactly once.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let options: TransferOptions
    let host: String
    /// Set for a streamed transfer: the head and body go here as they arrive, not into `body`.
    private let receiver: (@Sendable (HTTPStreamPart) -> Void)?
    private var headDelivered = false
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    // Filled by the callbacks on the loop thread.
    private(set) var body = Data()
    private(set) var headers: [String: String] = [:]
    private(set) var exceededLimit = false

    private let completion = Locked<(continuation: CheckedContinuation<HTTPResponse, Error>?, done: Bool, cancelRequested: Bool)>(
        (nil, false, false)
    )

    init(request: HTTPRequest, endpoint: Endpoint, options: TransferOptions, receiver: (@Sendable (HTTPStreamPart) -> Void)? = nil) throws {
        guard let easy = curl_easy_init() else { throw TransportError.other(code: -1, detail: "curl_easy_init failed") }
        self.easy = easy
        self.options = options
        self.host = endpoint.hostHeader
        self.receiver = receiver
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(request: request, endpoint: endpoint)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(request: HTTPRequest, endpoint: Endpoint) throws {
        func check(_ code: CURLcode) throws {
            guard code == CURLE_OK else {
                throw TransportError.other(code: Int(code.rawValue), detail: String(cString: curl_easy_strerror(code)))
            }
        }
        try check(cygni_curl_setopt_string(easy, CURLOPT_URL, request.url))
        try check(cygni_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(cygni_curl_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "https"))
        try check(cygni_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        // Verification stays on whatever the environment says; there is deliberately no switch.
        try check(cygni_curl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1))
        try check(cygni_curl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2))
        try check(cygni_curl_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        try check(cygni_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout)))
        // 0: no limit on the whole exchange (a stream), which then needs a stall limit instead.
        try check(cygni_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, options.timeout.isFinite ? Self.milliseconds(options.timeout) : 0))
        if let stall = options.stallTimeout {
            try check(cygni_curl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1))
            try check(cygni_curl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(stall.rounded(.up)))))
        }
        try check(cygni_curl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        // "" asks for every encoding libcurl can decode; the size cap applies to the decoded body.
        try check(cygni_curl_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        try check(cygni_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        // Proxy variables (https_proxy, no_proxy ...) are read by libcurl itself. A proxy can never
        // reach our loopback or a task's link-local credential address, so those bypass it.
        if endpoint.allowsPlainHTTP {
            try check(cygni_curl_setopt_string(easy, CURLOPT_NOPROXY, "*"))
        }

        switch request.method.uppercased() {
        case "GET" where request.body.isEmpty:
            try check(cygni_curl_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "HEAD":
            try check(cygni_curl_setopt_long(easy, CURLOPT_NOBODY, 1))
        default:
            if request.method.uppercased() != "POST" {
                try check(cygni_curl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method))
            }
            try check(cygni_curl_setopt_long(easy, CURLOPT_POST, 1))
            try check(cygni_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            try request.body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies, so the body need not outlive this call.
                let pointer = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                    ?? UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
                try check(cygni_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, pointer))
            }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            // CR or LF in a header would let data inject headers; the request is refused instead.
            guard !name.contains(where: \.isNewline), !value.contains(where: \.isNewline) else {
                curl_slist_free_all(list)
                throw TransportError.other(code: -1, detail: "header \(name) contains a line break")
            }
            list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No "Expect: 100-continue" round trip for large bodies.
        list = curl_slist_append(list, "Expect:")
        headerList = list
        try check(cygni_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, list))

        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(cygni_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, me))
        try check(cygni_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, me))
        try check(cygni_curl_setopt_write_function(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        try check(cygni_curl_setopt_header_function(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }

    // MARK: Callbacks (loop thread)

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if let receiver {
            deliverHead()
            receiver(.body(Data(bytes)))
            return bytes.count
        }
        guard body.count + bytes.count <= options.maxResponseBytes else {
            exceededLimit = true
            return 0  // makes libcurl stop with CURLE_WRITE_ERROR
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a proxy's CONNECT): earlier headers belong
            // to another response.
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
    }

    /// The head of a streamed response, once: when the first body bytes arrive the headers are
    /// complete (and any 1xx or proxy answer before them is behind).
    private func deliverHead() {
        guard let receiver, !headDelivered else { return }
        headDelivered = true
        var status = 0
        _ = cygni_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        receiver(.head(status: status, headers: headers))
    }

    // MARK: Completion

    /// Stores the continuation; returns false when the transfer was cancelled before it started.
    func attach(_ continuation: CheckedContinuation<HTTPResponse, Error>) -> Bool {
        let cancelled = completion.withLock { state -> Bool in
            state.continuation = continuation
            return state.cancelRequested
        }
        if cancelled { finish(.failure(CancellationError())) }
        return !cancelled
    }

    /// Marks the transfer cancelled; returns whether it had not finished yet.
    func requestCancel() -> Bool {
        completion.withLock { state in
            state.cancelRequested = true
            return !state.done
        }
    }

    var isCancelRequested: Bool { completion.withLock { $0.cancelRequested } }

    func finish(code: CURLcode) {
        guard code == CURLE_OK else {
            finish(.failure(error(for: code)))
            return
        }
        deliverHead()
        var status = 0
        _ = cygni_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        finish(.success(HTTPResponse(status: status, headers: headers, body: body)))
    }

    func finish(_ result: Result<HTTPResponse, Error>) {
        let continuation = completion.withLock { state -> CheckedContinuation<HTTPResponse, Error>? in
            guard !state.done, let continuation = state.continuation else { return nil }
            state.done = true
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }

    private func error(for code: CURLcode) -> TransportError {
        let detail: String = {
            let text = String(cString: errorBuffer)
            return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
        }()
        switch code {
        case CURLE_WRITE_ERROR where exceededLimit:
            return .responseTooLarge(limit: options.maxResponseBytes)
        case CURLE_OPERATION_TIMEDOUT where options.stallTimeout != nil && detail.lowercased().contains("too slow"):
            return .stalled(seconds: options.stallTimeout ?? 0)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(seconds: detail.lowercased().contains("connect") ? options.connectTimeout : options.timeout)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .couldNotConnect(host: host, detail: detail)
        case CURLE_PARTIAL_FILE:
            return .truncatedResponse
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionReset(detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            return .tls(detail: detail)
        default:
            return .other(code: Int(code.rawValue), detail: detail)
        }
    }
}
