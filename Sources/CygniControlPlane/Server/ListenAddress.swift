import Foundation

/// `--listen HOST:PORT` (`[::1]:7070` for IPv6), and whether it stays on this machine.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ListenError("--listen \(text): an IPv6 address is written [ADDRESS]:PORT")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw ListenError("--listen \(text): expected HOST:PORT, e.g. 127.0.0.1:7070") }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw ListenError("--listen \(text): the host is missing") }
        guard let number = Int(port), (0...65_535).contains(number) else { throw ListenError("--listen \(text): the port must be 0 to 65535") }
        self.init(host: String(host), port: number)
    }

    /// 127.0.0.0/8, ::1 and localhost: only processes on this machine can connect.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public struct ListenError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
