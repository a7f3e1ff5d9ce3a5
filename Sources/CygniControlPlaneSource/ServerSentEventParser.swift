import Foundation

/// One event of a `text/event-stream`, as the WHATWG HTML standard's parser dispatches it.
public struct ServerSentEvent: Equatable, Sendable {
    /// The last event id seen on the stream so far (ids carry over to events without one).
    public var id: String?
    public var type: String
    public var data: String

    public init(id: String?, type: String, data: String) {
        self.id = id
        self.type = type
        self.data = data
    }
}

/// Turns the bytes of an event stream, in chunks of any size, into events, the `retry:` delay
/// and comments, by the standard's rules: lines end in LF, CRLF or CR; `field: value` with one
/// optional space; an empty line dispatches; a line starting with `:` is a comment. A line
/// longer than `lineLimit` is dropped (and counted), so a broken server cannot grow the buffer
/// without bound.
public struct ServerSentEventParser: Sendable {
    public enum Output: Equatable, Sendable {
        case event(ServerSentEvent)
        /// `retry:` asked for this many milliseconds before a reconnect.
        case retry(milliseconds: Int)
        case comment(String)
    }

    public let lineLimit: Int
    /// Lines dropped for being longer than `lineLimit`.
    public private(set) var droppedLines = 0
    /// The id a reconnect sends as `Last-Event-ID`.
    public private(set) var lastEventID: String?

    private var line: [UInt8] = []
    private var overlong = false
    private var previousWasCR = false
    private var type = ""
    private var data: [String] = []
    private var sawData = false

    public init(lineLimit: Int = 1 << 20, lastEventID: String? = nil) {
        self.lineLimit = lineLimit
        self.lastEventID = lastEventID
    }

    /// Feeds a chunk; returns what it completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        var outputs: [Output] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n") where previousWasCR:
                previousWasCR = false  // the LF of a CRLF: the line already ended at the CR
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                previousWasCR = byte == UInt8(ascii: "\r")
                endLine(into: &outputs)
            default:
                previousWasCR = false
                if line.count < lineLimit {
                    line.append(byte)
                } else {
                    overlong = true
                }
            }
        }
        return outputs
    }

    private mutating func endLine(into outputs: inout [Output]) {
        defer {
            line.removeAll(keepingCapacity: true)
            overlong = false
        }
        if overlong {
            droppedLines += 1
            return
        }
        guard !line.isEmpty else {
            dispatch(into: &outputs)
            return
        }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix(":") {
            outputs.append(.comment(String(text.dropFirst()).trimmingCharacters(in: .whitespaces)))
            return
        }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event":
            type = String(value)
        case "data":
            data.append(String(value))
            sawData = true
        case "id":
            // An id with NUL is ignored, as the standard says.
            if !value.contains("\0") { lastEventID = String(value) }
        case "retry":
            if !value.isEmpty, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), let milliseconds = Int(value) {
                outputs.append(.retry(milliseconds: milliseconds))
            }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into outputs: inout [Output]) {
        defer {
            type = ""
            data = []
            sawData = false
        }
        guard sawData else { return }
        outputs.append(.event(ServerSentEvent(id: lastEventID, type: type.isEmpty ? "message" : type, data: data.joined(separator: "\n"))))
    }
}
