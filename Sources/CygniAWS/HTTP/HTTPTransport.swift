/// Sends one request and returns the complete response; the seam where tests put a fake.
public struct HTTPTransport: Sendable {
    public var send: @Sendable (_ request: HTTPRequest, _ options: TransferOptions) async throws -> HTTPResponse

    public init(send: @escaping @Sendable (_ request: HTTPRequest, _ options: TransferOptions) async throws -> HTTPResponse) {
        self.send = send
    }

    /// The live transport: libcurl, one shared connection pool, HTTP/2 where the server offers it.
    public static var curl: HTTPTransport {
        HTTPTransport { request, options in
            try await CurlEventLoop.shared.perform(request, options: options)
        }
    }
}
