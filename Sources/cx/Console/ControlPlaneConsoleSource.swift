import ArgumentParser
import CygniControlPlaneSource
import CygniDashboard
import Foundation

extension SourceOptions {
    /// cygnid's address from `--control-plane`, else from `control_plane` in config.toml unless
    /// `--sandbox` or an AWS option goes around it; nil when the command reads elsewhere.
    func controlPlaneAddress() throws -> ControlPlaneAddress? {
        do {
            if let controlPlane { return try ControlPlaneAddress(parsing: controlPlane) }
            guard !sandbox, !usesAWS else { return nil }
            return try configuredControlPlane()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `control_plane` in config.toml, whatever the flags say (break-glass names it). A config
    /// file that does not parse counts as none here: it must never stand between an operator
    /// and a rollback (the console and the other commands report it).
    func configuredControlPlane() throws(ControlPlaneAddressError) -> ControlPlaneAddress? {
        let settings = (try? Self.settings()) ?? UserSettings()
        guard let url = settings.controlPlane else { return nil }
        return try ControlPlaneAddress(parsing: url, option: "control_plane in \(settings.file ?? "config.toml")")
    }

    /// The connection to cygnid, with the token from `--token-file`, else `CYGNI_TOKEN`, else
    /// `token_file` in config.toml; nil when the command reads elsewhere.
    func controlPlaneConnection() throws -> ControlPlaneConnection? {
        guard let address = try controlPlaneAddress() else { return nil }
        do {
            return ControlPlaneConnection(address: address, token: try token())
        } catch let error as TokenError {
            throw ValidationError(error.description)
        }
    }

    private func token() throws -> BearerToken {
        if let tokenFile { return try BearerToken.read(file: tokenFile) }
        if let variable = ProcessInfo.processInfo.environment["CYGNI_TOKEN"] { return try BearerToken(variable, origin: "CYGNI_TOKEN") }
        let settings = try Self.settings()
        if let file = settings.tokenFile { return try BearerToken.read(file: file) }
        throw TokenError(
            "no token for cygnid: set CYGNI_TOKEN, pass --token-file FILE, or set token_file in config.toml "
                + "(make one where cygnid runs with: cygnid token --subject YOUR-NAME --role operator)")
    }

    static func settings() throws -> UserSettings {
        do {
            return try ConfigurationLoader(directories: .resolve()).settings()
        } catch {
            throw ValidationError(error.description)
        }
    }
}
