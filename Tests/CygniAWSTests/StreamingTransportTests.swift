import CygniAWS
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Streamed responses over libcurl: the head, then the body as it arrives, and a stream whose
/// server goes silent without closing given up as stalled rather than held forever.
struct StreamingTransportTests {
    /// A one-connection loopback server that answers with `head` and `body`, then says nothing
    /// and keeps the connection open until the test ends.
    final class SilentServer: @unchecked Sendable {
        let port: Int
        private let listener: Int32

        init(head: String, body: String) throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            listener = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
            // accept(2) blocks: on a thread of its own, never one the async tests share.
            Thread.detachNewThread {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 4_096)
                _ = recv(connection, &buffer, buffer.count, 0)
                let answer = head + body
                _ = answer.utf8CString.withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count - 1, 0) }
                // Held open, silent, until the listener closes at the end of the test.
                _ = recv(connection, &buffer, buffer.count, 0)
                close(connection)
            }
        }

        deinit { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
    }

    final class Parts: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [HTTPStreamPart] = []
        func add(_ part: HTTPStreamPart) { lock.withLock { parts.append(part) } }
        var all: [HTTPStreamPart] { lock.withLock { parts } }
    }

    @Test func aSilentStreamIsGivenUpAsStalledAfterItsHeadAndBody() async throws {
        let server = try SilentServer(
            // No length and no chunks: the body runs until the server closes, which it never does.
            head: "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n",
            body: "retry: 100\n\ndata: x")
        let parts = Parts()
        let started = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) {
            try await HTTPTransport.curl.stream(
                HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/events"),
                TransferOptions(connectTimeout: 2, timeout: .infinity, stallTimeout: 2)) { parts.add($0) }
        }
        #expect(error == .stalled(seconds: 2), "\(String(describing: error))")
        // Bounded, not timed: a loaded machine may take a while, but the stream must give up.
        #expect(ContinuousClock.now - started < .seconds(60))
        guard case .head(let status, let headers)? = parts.all.first else {
            Issue.record("no head first: \(parts.all)")
            return
        }
        #expect(status == 200)
        #expect(headers["content-type"] == "text/event-stream")
        let body = parts.all.compactMap { part -> Data? in
            if case .body(let data) = part { return data }
            return nil
        }.reduce(Data(), +)
        #expect(String(decoding: body, as: UTF8.self) == "retry: 100\n\ndata: x")
    }
}
