import CygniControlPlaneSource
import Testing

/// The event-stream parser by the standard's rules, fed in chunks that cut anywhere.
@Suite struct ServerSentEventParserTests {
    private func parse(_ text: String, chunk: Int) -> (outputs: [ServerSentEventParser.Output], parser: ServerSentEventParser) {
        var parser = ServerSentEventParser(lineLimit: 64)
        var outputs: [ServerSentEventParser.Output] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            outputs += parser.feed(bytes[start..<min(bytes.count, start + chunk)])
        }
        return (outputs, parser)
    }

    @Test(arguments: [1, 2, 3, 7, 1_000])
    func eventsCommentsAndRetryWhateverTheChunks(chunk: Int) {
        let stream = "retry: 2000\r\n\r\n: keep-alive\n\nid: 7\nevent: rollout\ndata: {\"a\":1}\n\n"
            + "data: first\rdata:second\r\rid: 8\ndata\n\nevent: nothing\n\n"
        let (outputs, parser) = parse(stream, chunk: chunk)
        #expect(outputs == [
            .retry(milliseconds: 2_000),
            .comment("keep-alive"),
            .event(ServerSentEvent(id: "7", type: "rollout", data: "{\"a\":1}")),
            // CR ends lines too; the id carries over to an event without one; no space after the colon is fine.
            .event(ServerSentEvent(id: "7", type: "message", data: "first\nsecond")),
            // A field without a colon has an empty value.
            .event(ServerSentEvent(id: "8", type: "message", data: "")),
        ])
        // `event:` without data dispatches nothing.
        #expect(parser.lastEventID == "8")
    }

    @Test func anOverlongLineIsDroppedAndCountedAndABadRetryIgnored() {
        let long = String(repeating: "x", count: 200)
        let (outputs, parser) = parse("data: \(long)\n\nretry: soon\nretry: -5\ndata: short\n\n", chunk: 5)
        #expect(outputs == [.event(ServerSentEvent(id: nil, type: "message", data: "short"))])
        #expect(parser.droppedLines == 1)
    }
}
