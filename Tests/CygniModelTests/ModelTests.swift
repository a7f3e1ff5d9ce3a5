import CygniModel
import Testing

struct TraceIDTests {
    @Test func xrayAndW3CNameTheSameTrace() throws {
        let xray = try #require(TraceID("1-5759e988-bd862e3fe1be46a994272793"))
        let w3c = try #require(TraceID("5759e988bd862e3fe1be46a994272793"))
        #expect(xray == w3c)
        #expect(xray.w3c == "5759e988bd862e3fe1be46a994272793")
        #expect(w3c.xray == "1-5759e988-bd862e3fe1be46a994272793")
        let header = try #require(TraceID("00-5759e988bd862e3fe1be46a994272793-00f067aa0ba902b7-01"))
        #expect(header == xray)
        #expect(TraceID("5759E988BD862E3FE1BE46A994272793") == xray)
    }

    @Test(arguments: ["", "1-5759e988-bd86", "00000000000000000000000000000000", "zz59e988bd862e3fe1be46a994272793", "2-5759e988bd862e3fe1be46a994272793", "1-5759e988bd862e3fe1be46a994272793"])
    func invalidIDsAreRejected(text: String) {
        #expect(TraceID(text) == nil)
    }

    @Test func spanIDs() {
        #expect(SpanID("00f067aa0ba902b7") != nil)
        #expect(SpanID("0000000000000000") == nil)
        #expect(SpanID("00f067aa0ba902") == nil)
    }
}

struct TrafficSplitTests {
    @Test(arguments: [-5, 0, 1, 50, 99, 100, 150])
    func alwaysSumsToAHundred(canary: Int) {
        let split = TrafficSplit(canary: canary)
        #expect(split.stable + split.canary == 100)
        #expect((0...100).contains(split.canary))
    }
}

struct BoundedBufferTests {
    @Test func keepsTheNewestAndCountsTheDropped() {
        var buffer = BoundedBuffer<Int>(capacity: 3)
        buffer.append(contentsOf: 1...5)
        #expect(buffer.ordered == [3, 4, 5])
        #expect(buffer.dropped == 2)
        #expect(buffer[0] == 3 && buffer[2] == 5)
        buffer.append(6)
        #expect(buffer.ordered == [4, 5, 6])
        #expect(buffer.count == 3)
    }

    @Test func equalityComparesContentInOrder() {
        var a = BoundedBuffer<Int>(capacity: 2)
        var b = BoundedBuffer<Int>(capacity: 2)
        a.append(contentsOf: [1, 2, 3])
        b.append(contentsOf: [9, 2, 3])
        #expect(a == b)  // both keep [2, 3] and dropped one
        b.append(4)
        #expect(a != b)
    }
}

struct TaskEventTests {
    @Test func oomIsReadFromTheReasonNotTheExitCode() {
        let oom = TaskEvent(time: .now, service: "s", version: "v", taskID: "t", kind: .stopped, exitCode: 137, stoppedReason: "OutOfMemoryError: Container killed due to memory usage")
        let timeout = TaskEvent(time: .now, service: "s", version: "v", taskID: "t", kind: .stopped, exitCode: 137, stoppedReason: "Task stopped by user")
        #expect(oom.isOutOfMemory)
        #expect(!timeout.isOutOfMemory)
    }
}

import Foundation
