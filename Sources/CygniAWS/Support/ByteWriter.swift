import Foundation

/// Appends bytes through a pointer into memory sized beforehand for all of them. SigV4 builds its
/// canonical request byte by byte, and Array.append's uniqueness and capacity checks on every
/// byte cost more than hashing the result. Writing past the end traps rather than corrupting.
struct ByteWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        precondition(count < buffer.count, "ByteWriter: capacity exceeded")
        buffer[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= buffer.count - count, "ByteWriter: capacity exceeded")
        guard let source = bytes.baseAddress else { return }
        (buffer.baseAddress! + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
    }

    mutating func append(_ bytes: some ContiguousBytes & Collection<UInt8>) {
        bytes.withUnsafeBytes { append($0) }
    }

    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// The bytes written from `start` on, valid while the buffer is.
    func written(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[start..<count])
    }

    /// Forgets what was written after `count` bytes.
    mutating func rewind(to count: Int) {
        precondition(count <= self.count)
        self.count = count
    }
}

extension String {
    /// A string of the UTF-8 `write` writes, in at most `capacity` bytes allocated once.
    init(utf8Capacity capacity: Int, writing write: (inout ByteWriter) -> Void) {
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = ByteWriter(buffer)
            write(&writer)
            return writer.count
        }
    }

    /// The UTF-8 as contiguous bytes, so that loops run on a buffer instead of String.UTF8View's
    /// index arithmetic per byte. Native strings lend theirs without a copy (or a retain); only
    /// bridged ones are made contiguous first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return try text.withUTF8(body)
    }
}
