import ArgumentParser
import CygniClients
import CygniSandbox

/// Where the data comes from: the embedded sandbox (the default) or AWS.
struct SourceOptions: ParsableArguments {
    @Flag(help: "Use the embedded sandbox (the default when nothing else is configured).")
    var sandbox = false

    @Option(help: "Sandbox: the seed of the simulated world; the same seed gives the same world.")
    var seed: UInt64 = 1

    @Option(help: "Sandbox scenario: blue-green, canary-pass, canary-fail, slo-burn, oom, steady.")
    var scenario: String = "canary-pass"

    @Flag(help: "Use AWS (ECS, ELBv2, CloudWatch, Logs, X-Ray, Cost Explorer).")
    var aws = false

    @Option(help: "AWS profile (as in ~/.aws/config).")
    var profile: String?

    @Option(help: "AWS region.")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: "AWS endpoint URL override (loopback http:// allowed for tests).")
    var endpointURL: String?

    func sandboxScenario() throws -> Scenario {
        guard let scenario = Scenario(rawValue: scenario) else {
            let names = Scenario.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown scenario \"\(self.scenario)\" (scenarios: \(names))")
        }
        return scenario
    }

    /// The console reads AWS in a later release; saying so beats pretending.
    func requireSandbox() throws {
        if aws || profile != nil || endpointURL != nil {
            throw ValidationError(
                "the console and status read the sandbox only in this version; AWS is available through cx doctor, cx traces and cx logs --trace"
            )
        }
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

/// The sandbox at one virtual moment: what the headless sandbox commands (snapshot, status,
/// slo, and the operator commands) read, validated in one place.
struct SandboxMoment: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @Option(help: "Sandbox: virtual seconds since the sandbox started.")
    var at: Double = 600

    func validate() throws {
        guard at >= 0, at.isFinite else { throw ValidationError("--at must be zero or more seconds") }
        try source.requireSandbox()
        _ = try source.sandboxScenario()
    }

    /// Sandbox clients frozen at `--at`; with `journal`, decisions go to the audit journal.
    func clients(journal: Bool = false) throws -> Clients {
        try ConsoleSetup.sandboxClients(source, time: .fixed(seconds: at), journal: journal).0
    }
}
