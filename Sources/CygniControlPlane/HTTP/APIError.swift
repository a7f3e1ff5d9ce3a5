import CygniControlPlaneAPI
import Foundation
import HTTPTypes
import Hummingbird

/// Every error the API answers with: `{"error": {"code", "message"}}`. The message says what is
/// missing or wrong, naming the field, never repeating a token.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// With `source_throttled`: the API that throttled the source's reads.
    public var throttledAPI: String?

    public init(status: HTTPResponse.Status, code: String, message: String, throttledAPI: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.throttledAPI = throttledAPI
    }

    public static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
    public static func unauthorized(_ message: String) -> APIError { APIError(status: .unauthorized, code: "unauthorized", message: message) }
    public static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, code: "forbidden", message: message) }
    public static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    public static func conflict(_ message: String) -> APIError { APIError(status: .conflict, code: "conflict", message: message) }
    public static func invalidField(_ message: String) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid_field", message: message)
    }
    public static func tooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "too_large", message: "request body is larger than \(limit) bytes")
    }

    /// The JSON body, as stored for an idempotent replay too.
    public var body: Data {
        JSONBody.encode(ErrorDocument(code: code, message: message, throttledAPI: throttledAPI))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if status == .unauthorized {
            // RFC 6750: tell the client which scheme, without echoing anything it sent.
            headers[.wwwAuthenticate] = #"Bearer realm="cygnid", error="invalid_token""#
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
