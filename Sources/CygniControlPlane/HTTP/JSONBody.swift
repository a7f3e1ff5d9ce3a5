import CygniControlPlaneAPI
import Foundation
import HTTPTypes
import Hummingbird

/// JSON as the API writes it: sorted keys and ISO 8601 dates, so one state gives one byte string
/// (idempotent replays are compared and returned byte for byte).
enum JSONBody {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = APIJSON.encoder()
        // Encoding the API's own value types cannot fail; a failure is a programming error.
        return (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"response could not be encoded"}}"#.utf8)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        response(data: encode(value), status: status)
    }

    static func response(data: Data, status: HTTPResponse.Status, extraHeaders: HTTPFields = [:]) -> Response {
        response(buffer: ByteBuffer(bytes: data), status: status, extraHeaders: extraHeaders)
    }

    /// A body already encoded, shared between responses (a cached page) without a copy; with
    /// `gzipped`, its gzip form. Either way caches are told the answer depends on Accept-Encoding.
    static func response(buffer: ByteBuffer, gzipped: Bool, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.vary] = "Accept-Encoding"
        if gzipped { headers[.contentEncoding] = "gzip" }
        return response(buffer: buffer, status: status, extraHeaders: headers)
    }

    static func response(buffer: ByteBuffer, status: HTTPResponse.Status = .ok, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
