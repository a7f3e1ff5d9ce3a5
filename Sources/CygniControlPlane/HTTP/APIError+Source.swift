import CygniClients

extension APIError {
    /// A read of cygnid's source that failed, as the client should take it: a throttled API
    /// (503, named, so consoles slow their own polls of that read), a source not answering for
    /// now (503), or one that refused (502). The source's message is one line without secrets.
    static func source(_ failure: ClientError) -> APIError {
        if let api = failure.throttledAPI {
            return APIError(
                status: .serviceUnavailable, code: "source_throttled", message: "\(api) is throttling cygnid's reads: \(failure.message)",
                throttledAPI: api)
        }
        if failure.isTransient {
            return APIError(status: .serviceUnavailable, code: "source_unavailable", message: "cygnid's source is not answering: \(failure.message)")
        }
        return APIError(status: .badGateway, code: "source_failed", message: "cygnid's source refused the read: \(failure.message)")
    }
}
