import CygniClients
@testable import CygniControlPlane
import Testing

/// A telemetry read its source failed is answered as the source's fault, each kind its own way:
/// throttled (503, naming the API), not answering for now (503), refused (502). Never a 500.
@Suite struct SourceFailureAnswerTests {
    @Test func eachKindOfSourceFailureHasItsStatusCodeAndMessage() {
        let throttled = APIError.source(ClientError("Rate exceeded", isTransient: true, throttledAPI: "X-Ray"))
        #expect(throttled.status == .serviceUnavailable && throttled.code == "source_throttled" && throttled.throttledAPI == "X-Ray")
        #expect(throttled.message == "X-Ray is throttling cygnid's reads: Rate exceeded")

        let down = APIError.source(ClientError("connection reset", isTransient: true))
        #expect(down.status == .serviceUnavailable && down.code == "source_unavailable" && down.throttledAPI == nil)
        #expect(down.message == "cygnid's source is not answering: connection reset")

        let refused = APIError.source(ClientError("AccessDeniedException: not authorized to perform xray:GetTraceSummaries"))
        #expect(refused.status == .badGateway && refused.code == "source_failed")
        #expect(refused.message.hasPrefix("cygnid's source refused the read: AccessDeniedException"))
    }
}
