import CygniClients
import CygniDashboard
import CygniRollout
import CygniSandbox
import CygniTerminal
import Foundation

/// Builds what every console command needs from the flags and the configuration files:
/// clients, the initial state, and the reducer's environment.
struct ConsoleSetup {
    var clients: Clients
    var state: DashboardState
    var environment: DashboardEnvironment
    var settings: UserSettings

    enum Failure: Error, CustomStringConvertible {
        case configuration(ConfigurationError)
        case usage(String)

        var description: String {
            switch self {
            case .configuration(let error): return error.description
            case .usage(let message): return message
            }
        }
    }

    /// Sandbox clients at a time source; `world` is returned so headless commands can act on it.
    /// With `journal`, every operator command and automatic decision is appended to the audit
    /// journal under $XDG_STATE_HOME/cygni (the live console); headless frames write nothing.
    static func sandboxClients(_ source: SourceOptions, time: SandboxTimeSource, journal: Bool = false) throws -> (Clients, SandboxWorld) {
        let configuration = SandboxConfiguration(seed: source.seed, scenario: try source.sandboxScenario())
        let world = journal
            ? SandboxWorld(configuration: configuration, auditWriter: .journal(AuditJournal(url: AuditJournal.defaultURL())))
            : SandboxWorld(configuration: configuration)
        return (Clients.sandbox(world: world, time: time, label: source.sandboxLabel), world)
    }

    /// read_only in config.toml; a configuration that cannot be read counts as not set (the
    /// command that needs it reports the problem).
    static func settingsReadOnly() -> Bool {
        (try? ConfigurationLoader(directories: .resolve()).settings().readOnly) ?? false
    }

    static func make(
        clients: Clients, theme themeName: String?, keymap keymapName: String?, readOnly: Bool, clock: any Clock<Duration>
    ) throws(Failure) -> ConsoleSetup {
        let loader = ConfigurationLoader(directories: .resolve())
        guard loader.directories.builtIn != nil else {
            throw .usage("cx: the built-in themes and keymaps were not found beside the binary; set CYGNI_DATA_DIR to the folder holding themes/ and keymaps/")
        }
        let settings: UserSettings
        let theme: Theme
        let keymap: Keymap
        do {
            settings = try loader.settings()
            theme = try loader.theme(named: themeName ?? settings.theme ?? "default")
            keymap = try loader.keymap(named: keymapName ?? settings.keymap ?? "default")
        } catch {
            throw .configuration(error)
        }
        let environment = DashboardEnvironment(
            clients: clients,
            clock: clock,
            refreshInterval: .milliseconds(Int64(settings.refreshSeconds(for: clients.source) * 1000)),
            cadence: settings.cadence(for: clients.source),
            loadTheme: { name in Result { () throws(ConfigurationError) in try loader.theme(named: name) } },
            loadKeymap: { name in Result { () throws(ConfigurationError) in try loader.keymap(named: name) } },
            actor: OperatorIdentity.actor
        )
        let state = DashboardState(
            source: clients.source,
            readOnly: readOnly || settings.readOnly,
            theme: theme,
            keymap: keymap,
            sessionID: "cx-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970))",
            logCapacity: settings.logBufferLines,
            traceCapacity: settings.traceBufferSize
        )
        return ConsoleSetup(clients: clients, state: state, environment: environment, settings: settings)
    }
}
