import CygniAWS
import Foundation
import JWTKit
import Logging

/// An identity provider's signing keys, fetched from its JWKS URL: at start (a failure stops the
/// server, naming the URL), and again when a token names a key the set does not hold (the
/// provider rotated its keys) or the set is old, never more often than the endpoint allows. Each
/// key is pinned to the one algorithm it declares (RS256 for an RSA key that declares none, as
/// OIDC defaults; ES256 for a P-256 key), so a token cannot pick another for it.
actor JWKSKeySet {
    /// A key a token may be verified with: jwt-kit's collection holding it, and its algorithm.
    struct Key: Sendable {
        var keys: JWTKeyCollection
        var algorithm: String
    }

    let endpoint: JWKSEndpoint
    private let logger: Logger
    private var loaded: Loaded
    private var fetchedAt: ContinuousClock.Instant
    private var attemptedAt: ContinuousClock.Instant
    private var refreshing: Task<Result<Loaded, JWKSError>, Never>?

    /// Fetches the set once; throws, naming the URL, when it cannot be had or used.
    static func load(_ endpoint: JWKSEndpoint, logger: Logger) async throws(JWKSError) -> JWKSKeySet {
        let loaded = try await fetch(endpoint.url)
        return JWKSKeySet(endpoint: endpoint, loaded: loaded, logger: logger)
    }

    private init(endpoint: JWKSEndpoint, loaded: Loaded, logger: Logger) {
        self.endpoint = endpoint
        self.loaded = loaded
        self.logger = logger
        fetchedAt = .now
        attemptedAt = .now
    }

    /// The algorithms the set's keys declare, for messages: "RS256, ES256".
    var algorithms: Set<String> { Set(loaded.algorithms.values) }

    /// The key `kid` names, fetching the set again first when it holds no such key or is old.
    func key(for kid: String) async -> Key? {
        if loaded.algorithms[kid] == nil || ContinuousClock.now - fetchedAt > endpoint.maximumAge {
            await refresh()
        }
        return loaded.algorithms[kid].map { Key(keys: loaded.keys, algorithm: $0) }
    }

    /// One fetch at a time; requests arriving meanwhile wait for it rather than start another.
    private func refresh() async {
        if let refreshing {
            _ = await refreshing.value
            return
        }
        guard ContinuousClock.now - attemptedAt >= endpoint.minimumRefreshInterval else { return }
        attemptedAt = .now
        let url = endpoint.url
        let task = Task { () -> Result<Loaded, JWKSError> in
            do throws(JWKSError) { return .success(try await Self.fetch(url)) } catch { return .failure(error) }
        }
        refreshing = task
        let result = await task.value
        refreshing = nil
        switch result {
        case .success(let fresh):
            let added = Set(fresh.algorithms.keys).subtracting(loaded.algorithms.keys).count
            let removed = Set(loaded.algorithms.keys).subtracting(fresh.algorithms.keys).count
            loaded = fresh
            fetchedAt = .now
            logger.info("fetched the JWKS again", metadata: ["url": "\(url)", "keys": "\(fresh.algorithms.count)", "added": "\(added)", "removed": "\(removed)"])
        case .failure(let error):
            // The keys already held stay trusted: a provider's outage must not lock everyone out.
            logger.warning("cannot fetch the JWKS again; keeping the keys fetched before", metadata: ["error": "\(error)"])
        }
    }

    private struct Loaded: Sendable {
        var keys: JWTKeyCollection
        /// kid to the one algorithm that key verifies.
        var algorithms: [String: String]
    }

    private static func fetch(_ url: String) async throws(JWKSError) -> Loaded {
        let response: HTTPResponse
        do {
            var request = HTTPRequest(method: "GET", url: url)
            request.setHeader("Accept", "application/json")
            response = try await HTTPTransport.curl.send(request, TransferOptions(connectTimeout: 5, timeout: 10, maxResponseBytes: 1 << 20))
        } catch {
            throw JWKSError(url: url, problem: "cannot be fetched: \(error)")
        }
        guard response.status == 200 else { throw JWKSError(url: url, problem: "answered HTTP \(response.status)") }
        let set: JWKS
        do {
            set = try JSONDecoder().decode(JWKS.self, from: response.body)
        } catch {
            throw JWKSError(url: url, problem: "is not a JSON Web Key Set ({\"keys\": [...]} of RSA or EC keys)")
        }
        let keys = JWTKeyCollection()
        var algorithms: [String: String] = [:]
        for (index, original) in set.keys.enumerated() {
            var key = original
            guard let kid = key.keyIdentifier?.string, !kid.isEmpty else {
                throw JWKSError(url: url, problem: "has a key without a kid (key \(index + 1))")
            }
            guard let algorithm = key.algorithm ?? defaultAlgorithm(of: key) else {
                throw JWKSError(url: url, problem: "has key \(kid) that declares no algorithm (alg) and has no default one")
            }
            // Encryption keys share some sets with signing keys; they verify nothing.
            if algorithm == .rsaOAEP { continue }
            key.algorithm = algorithm
            do {
                try await keys.add(jwk: key)
            } catch {
                throw JWKSError(url: url, problem: "has key \(kid) that cannot be used (\(algorithm.rawValue))")
            }
            algorithms[kid] = algorithm.rawValue
        }
        guard !algorithms.isEmpty else { throw JWKSError(url: url, problem: "holds no signing key") }
        return Loaded(keys: keys, algorithms: algorithms)
    }

    /// OIDC's default for RSA keys, and the one algorithm each curve signs with.
    private static func defaultAlgorithm(of key: JWK) -> JWK.Algorithm? {
        if key.keyType == .rsa { return .rs256 }
        if key.keyType == .ecdsa {
            switch key.curve?.rawValue {
            case "P-256": return .es256
            case "P-384": return .es384
            case "P-521": return .es512
            default: return nil
            }
        }
        if key.keyType == .octetKeyPair { return .eddsa }
        return nil
    }
}

/// The JWKS could not be had or used; the message names the URL.
public struct JWKSError: Error, CustomStringConvertible, Sendable, Equatable {
    public var url: String
    public var problem: String
    public var description: String { "the JWKS at \(url) \(problem)" }
}
