import ArgumentParser
import CygniAWS
import CygniClients
import CygniControlPlaneSource
import CygniSandbox

/// Where the data comes from: the embedded sandbox (the default), AWS, or the control plane.
struct SourceOptions: ParsableArguments {
    @Flag(help: "Use the embedded sandbox (the default when nothing else is configured).")
    var sandbox = false

    @Option(help: "Sandbox: the seed of the simulated world; the same seed gives the same world.")
    var seed: UInt64 = 1

    @Option(help: "Sandbox scenario: blue-green, canary-pass, canary-fail, canary-marginal, slo-burn, oom, steady.")
    var scenario: String = "canary-pass"

    @Flag(help: "Use AWS (ECS, ELBv2, CloudWatch, Logs, X-Ray, Cost Explorer).")
    var aws = false

    @OptionGroup var awsFlags: AWSOptions

    @Option(name: .customLong("cluster"), help: "AWS: an ECS cluster to watch; repeat for several (default: every cluster in the region).")
    var clusters: [String] = []

    @Option(
        name: .customLong("control-plane"),
        help: "cygnid's URL, e.g. http://127.0.0.1:7070: everything through the control plane (control_plane in config.toml sets it for good; --sandbox or --aws then go around it).")
    var controlPlane: String?

    @Option(name: .customLong("token-file"), help: "Control plane: a file (mode 600) holding the token; wins over CYGNI_TOKEN and token_file in config.toml.")
    var tokenFile: String?

    /// AWS when asked for, or when any AWS option is given (the sandbox has no use for them).
    var usesAWS: Bool { aws || awsFlags.isGiven || !clusters.isEmpty }

    func sandboxScenario() throws -> Scenario {
        guard let scenario = Scenario(rawValue: scenario) else {
            let names = Scenario.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown scenario \"\(self.scenario)\" (scenarios: \(names))")
        }
        return scenario
    }

    func validateSource() throws {
        if controlPlane != nil, sandbox || usesAWS {
            throw ValidationError("--control-plane excludes --sandbox and the AWS options; to go around a configured control plane, leave out --control-plane")
        }
        if usesAWS {
            if sandbox { throw ValidationError("--sandbox and the AWS options (--aws, --profile, --region, --endpoint-url, --cluster) exclude each other") }
        } else {
            _ = try sandboxScenario()
        }
    }

    /// "aws prod-admin · eu-west-1 · clusters prod, staging".
    func awsLabel(_ configuration: AWSConfiguration) -> String {
        "aws \(configuration.profile) · \(configuration.region ?? "no region")" + (clusters.isEmpty ? "" : " · clusters \(clusters.joined(separator: ", "))")
    }

    var sandboxLabel: String { "sandbox seed \(seed) · \(scenario)" }
}

/// How the console looks and which keys it listens to.
struct AppearanceOptions: ParsableArguments {
    @Option(help: "Theme name: default, light, high-contrast, monochrome, or one in $XDG_CONFIG_HOME/cygni/themes.")
    var theme: String?

    @Option(help: "Keymap name: default, vim, emacs, or one in $XDG_CONFIG_HOME/cygni/keymaps.")
    var keymap: String?
}

/// The source at one moment: the sandbox at virtual time `--at`, or AWS now. What every headless
/// command (snapshot, status, slo, traces, logs, cost, doctor, and the operator commands) reads,
/// validated in one place.
struct SourceMoment: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @Option(help: "Sandbox: virtual seconds since the sandbox started (default 600).")
    var at: Double?

    func validate() throws {
        if let at, !(at >= 0 && at.isFinite) { throw ValidationError("--at must be zero or more seconds") }
        if source.usesAWS && at != nil { throw ValidationError("--at applies to the sandbox; AWS is read as it is now") }
        try source.validateSource()
    }

    /// The clients at this moment. With `journal`, operator commands and (sandbox) engine
    /// decisions go to the audit journal; without `cost`, an AWS source makes no Cost Explorer
    /// request (each costs money); without `needsRegion`, AWS without a region is no usage error.
    func clients(journal: Bool = false, cost: Bool = true, needsRegion: Bool = true) throws -> Clients {
        if let connection = try source.controlPlaneConnection() {
            if at != nil { throw ValidationError("--at applies to the sandbox; cygnid is read as it is now") }
            return .controlPlane(connection)
        }
        if source.usesAWS {
            return try ConsoleSetup.awsClients(source, includeCost: cost, journal: journal, needsRegion: needsRegion)
        }
        return try ConsoleSetup.sandboxClients(source, time: .fixed(seconds: at ?? 600), journal: journal).0
    }
}
