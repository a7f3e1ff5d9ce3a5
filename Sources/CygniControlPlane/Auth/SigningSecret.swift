import Crypto
import Foundation

/// The HS256 key shared by `cygnid serve` and `cygnid token`: at least 32 random bytes, kept
/// base64-encoded in a file only its owner can read.
public struct SigningSecret: Sendable {
    public static let minimumBytes = 32

    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        guard bytes.count >= Self.minimumBytes else {
            throw SecretFileError("the signing secret has \(bytes.count) bytes; at least \(Self.minimumBytes) are required")
        }
        self.bytes = bytes
    }

    /// Reads the secret at `path`; refuses one that others can read, since anyone who reads it
    /// can mint an admin token.
    public static func read(at path: String) throws -> SigningSecret {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw SecretFileError("cannot read the signing secret \(path): no such file (start `cygnid serve` once to create it)")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw SecretFileError(
                "the signing secret \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let decoded = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw SecretFileError("the signing secret \(path) is not base64 text")
        }
        return try SigningSecret(bytes: Array(decoded))
    }

    /// Reads the secret at `path`, or creates one there (mode 0600, in a 0700 folder) when there
    /// is none. `created` tells the caller to say how to make a token.
    public static func readOrCreate(at path: String) throws -> (secret: SigningSecret, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try read(at: path), false) }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        let text = Data(bytes).base64EncodedString() + "\n"
        // O_EXCL: two servers starting at once must not each write a different secret.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return (try read(at: path), false) }
            throw SecretFileError("cannot create the signing secret \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            throw SecretFileError("cannot write the signing secret \(path): \(String(cString: strerror(errno)))")
        }
        return (try SigningSecret(bytes: bytes), true)
    }
}

public struct SecretFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
