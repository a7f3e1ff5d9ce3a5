import Foundation

/// Reads an AWS error out of a failed response, whatever shape it has: a JSON body (`__type`,
/// `code`, `message`), an XML body (awsQuery `ErrorResponse`, restXml `Error`, and the XML auth
/// errors JSON services send), the `x-amzn-ErrorType` header, or nothing usable at all (moto's HTML
/// 500 pages). The Content-Type is ignored: services mislabel bodies.
enum ErrorResponseParser {
    static func parse(_ response: HTTPResponse, service: String, operation: String) -> AWSError {
        var code: String?
        var message: String?
        let body = response.body
        let first = body.first { !($0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09) }
        if first == UInt8(ascii: "{"), let json = try? JSONValue.parse(body) {
            code = (json["__type"] ?? json["code"] ?? json["Code"])?.string
            message = (json["message"] ?? json["Message"] ?? json["errorMessage"])?.string
        } else if first == UInt8(ascii: "<"), let xml = try? XMLNode.parse(body), xml.name != "html" {
            let error = xml.name == "Error" ? xml : (xml.descendant("Error") ?? xml)
            code = error.string("Code") ?? xml.descendant("Code")?.text
            message = error.string("Message") ?? xml.descendant("Message")?.text
        }
        if code == nil || code?.isEmpty == true, let header = response.header("x-amzn-errortype") {
            code = header
        }
        let cleanCode = code.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 } ?? Self.fallbackCode(for: response.status)
        let retryAfter = response.header("retry-after").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return AWSError(
            service: service, operation: operation, status: response.status, code: cleanCode,
            message: message ?? (code == nil ? "HTTP \(response.status) with no AWS error in the body" : ""),
            errorClass: .classify(code: cleanCode, status: response.status),
            requestID: response.header("x-amzn-requestid") ?? response.header("x-amz-request-id"),
            retryAfter: retryAfter
        )
    }

    /// `aws.protocoltests#FooError:http://...` and `GraniteServiceVersion20100801#Foo` become `Foo`.
    static func clean(_ code: String) -> String {
        var code = Substring(code)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    static func fallbackCode(for status: Int) -> String {
        switch status {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 429: return "TooManyRequests"
        case 500: return "InternalFailure"
        case 502: return "BadGateway"
        case 503: return "ServiceUnavailable"
        case 504: return "GatewayTimeout"
        default: return "HTTP\(status)"
        }
    }
}
