import Foundation
import NIOSSL

/// The certificate chain and private key `cygnid serve --tls-cert --tls-key` presents over HTTPS,
/// read and checked to belong together at start, so that a wrong file stops the server with its
/// name rather than failing every handshake later. TLS 1.2 at least.
public struct TLSIdentity: Sendable {
    public let certificatePath: String
    public let keyPath: String
    let configuration: TLSConfiguration

    public init(certificatePath: String, keyPath: String) throws(TLSIdentityError) {
        for (path, what) in [(certificatePath, "certificate"), (keyPath, "private key")] where !FileManager.default.isReadableFile(atPath: path) {
            throw TLSIdentityError("cannot read the TLS \(what) \(path): no such file, or not readable")
        }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw TLSIdentityError("the TLS certificate \(certificatePath) is not a PEM certificate chain")
        }
        guard !chain.isEmpty else { throw TLSIdentityError("the TLS certificate \(certificatePath) holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw TLSIdentityError("the TLS private key \(keyPath) is not a PEM private key (or is encrypted)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSIdentityError("the TLS private key \(keyPath) does not belong to the certificate \(certificatePath)")
        }
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.configuration = configuration
    }
}

public struct TLSIdentityError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
