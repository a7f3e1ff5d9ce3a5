import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

struct SegmentTreeTests {
    /// Segment times are the application's: absurd ones are dropped, never carried into dates
    /// that the panes' formatting cannot represent.
    @Test func implausibleTimesAreDropped() {
        let id = "1-6926c330-aa11bb22cc33dd44ee55ff66"
        let absurd = TraceDocument(id: id, duration: nil, segments: [#"{"id":"0badc0ffee123456","name":"web","start_time":1e300,"end_time":1e301}"#])
        #expect(Trace(xray: absurd) == nil)
        let endless = TraceDocument(id: id, duration: nil, segments: [#"{"id":"0badc0ffee123456","name":"web","start_time":1795750729.5,"end_time":1e301}"#])
        let trace = Trace(xray: endless)
        #expect(trace?.start == Date(timeIntervalSince1970: 1795750729.5))
        #expect(trace?.spans.first?.durationMilliseconds == 0)
    }
}
