import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Server-Sent Events client on a plain loopback socket: it sends the request, reads the
/// stream and parses events until it has what the test waits for or its deadline passes, then
/// hangs up (what a dropped connection looks like to the server).
struct EventStreamClient {
    struct Event: Equatable {
        var id: Int64
        var type: String
        var data: String
    }

    struct Reading {
        var status: Int
        var events: [Event]
        var comments: [String]
        var raw: String
    }

    /// Reads until `enough` says stop, or `seconds` pass, on a thread of its own: a blocking
    /// read on one of the few shared threads would starve the in-process server it reads from.
    static func read(
        port: Int, token: String, lastEventID: Int64?, seconds: Double = 5, until enough: @escaping @Sendable (Reading) -> Bool
    ) async throws -> Reading {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try readBlocking(port: port, token: token, lastEventID: lastEventID, seconds: seconds, until: enough) })
            }
        }
    }

    private static func readBlocking(port: Int, token: String, lastEventID: Int64?, seconds: Double, until enough: (Reading) -> Bool) throws -> Reading {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect: \(errno)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        request += "\r\n"
        _ = request.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, 0) }

        var received = Data()
        var reading = Reading(status: 0, events: [], comments: [], raw: "")
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while Date() < deadline {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 { received.append(contentsOf: buffer[0..<count]) }
            reading = parse(String(decoding: received, as: UTF8.self))
            if enough(reading) { break }
        }
        return reading
    }

    /// Splits the response into its status and its events; chunked framing lines are skipped
    /// (chunk sizes are hex lines that never start with a field name).
    static func parse(_ raw: String) -> Reading {
        var reading = Reading(status: 0, events: [], comments: [], raw: raw)
        let parts = raw.components(separatedBy: "\r\n\r\n")
        if let statusLine = parts.first?.split(separator: "\r\n").first, statusLine.hasPrefix("HTTP/1.1 ") {
            reading.status = Int(statusLine.dropFirst(9).prefix(3)) ?? 0
        }
        let body = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "\n")
        var id: Int64?
        var type = "message"
        var data = ""
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("id: ") {
                id = Int64(line.dropFirst(4))
            } else if line.hasPrefix("event: ") {
                type = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                data = String(line.dropFirst(6))
            } else if line.hasPrefix(": ") {
                reading.comments.append(String(line.dropFirst(2)))
            } else if line.isEmpty, let complete = id, !data.isEmpty {
                reading.events.append(Event(id: complete, type: type, data: data))
                id = nil
                type = "message"
                data = ""
            }
        }
        return reading
    }
}
