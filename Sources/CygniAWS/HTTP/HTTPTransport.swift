import Foundation

/// Sends one request and returns the complete response; the seam where tests put a fake.
public struct HTTPTransport: Sendable {
    public var send: @Sendable (_ request: HTTPRequest, _ options: TransferOptions) async throws -> HTTPResponse
    /// Sends one request and hands its response over as it arrives: the head first, then the body
    /// in chunks, until the server ends it, it fails, or the calling task is cancelled. For
    /// streams that never end on their own (Server-Sent Events).
    public var stream: @Sendable (_ request: HTTPRequest, _ options: TransferOptions, _ receive: @escaping @Sendable (HTTPStreamPart) -> Void) async throws -> Void

    /// A transport whose streams arrive whole, from `send` (fakes in tests).
    public init(send: @escaping @Sendable (_ request: HTTPRequest, _ options: TransferOptions) async throws -> HTTPResponse) {
        self.send = send
        stream = { request, options, receive in
            let response = try await send(request, options)
            receive(.head(status: response.status, headers: response.headers))
            if !response.body.isEmpty { receive(.body(response.body)) }
        }
    }

    public init(
        send: @escaping @Sendable (_ request: HTTPRequest, _ options: TransferOptions) async throws -> HTTPResponse,
        stream: @escaping @Sendable (_ request: HTTPRequest, _ options: TransferOptions, _ receive: @escaping @Sendable (HTTPStreamPart) -> Void) async throws -> Void
    ) {
        self.send = send
        self.stream = stream
    }

    /// The live transport: libcurl, one shared connection pool, HTTP/2 where the server offers it.
    public static var curl: HTTPTransport {
        HTTPTransport(
            send: { request, options in try await CurlEventLoop.serving(options.priority).perform(request, options: options) },
            stream: { request, options, receive in
                _ = try await CurlEventLoop.serving(options.priority).perform(request, options: options, receive: receive)
            })
    }
}

/// A part of a response read as it arrives.
public enum HTTPStreamPart: Sendable, Equatable {
    /// The status and headers (names lower-cased), before any of the body.
    case head(status: Int, headers: [String: String])
    case body(Data)
}
