import CygniTerminal
import CygniClients
import Foundation
import Testing
@testable import CygniDashboard

/// Themes, keymaps and config.toml: the shipped files load, user files override and unbind,
/// and every malformed file gives an error naming the file (and line) instead of a crash.
struct ConfigurationTests {
    let user: String

    init() throws {
        user = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: user + "/themes", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: user + "/keymaps", withIntermediateDirectories: true)
    }

    var loader: ConfigurationLoader {
        ConfigurationLoader(directories: ConfigurationDirectories(user: user, builtIn: Fixture.builtInDirectory))
    }

    func write(_ text: String, to relative: String) throws {
        try text.write(toFile: user + "/" + relative, atomically: true, encoding: .utf8)
    }

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func everyShippedThemeLoadsWithEveryRole(name: String) throws {
        let theme = try loader.theme(named: name)
        #expect(theme.name == name)
        let text = try String(contentsOfFile: Fixture.builtInDirectory + "/themes/\(name).toml", encoding: .utf8)
        for role in Role.allCases {
            #expect(text.contains("\(role.rawValue) =") || text.contains("\"\(role.rawValue)\" ="), "theme \(name) lacks role \(role.rawValue)")
        }
    }

    @Test(arguments: ["default", "vim", "emacs"])
    func everyShippedKeymapLoadsAndCanQuit(name: String) throws {
        let keymap = try loader.keymap(named: name)
        #expect(!keymap.keys(for: .quit).isEmpty)
        #expect(!keymap.keys(for: .rollback).isEmpty)
        #expect(!keymap.keys(for: .confirm, in: .confirm).isEmpty)
    }

    @Test func vimExtendsDefault() throws {
        let keymap = try loader.keymap(named: "vim")
        #expect(keymap.action(for: .control("d"), in: [.global]) == .pageDown)
        #expect(keymap.action(for: .character("R"), in: [.global]) == .rollback)
    }

    @Test func aUserFileNamedLikeABuiltInChangesOnlyWhatItLists() throws {
        try write("""
            [global]
            rollback = []
            quit = ["q", "Ctrl-q"]
            """, to: "keymaps/default.toml")
        let keymap = try loader.keymap(named: "default")
        #expect(keymap.keys(for: .rollback).isEmpty)
        #expect(keymap.action(for: .character("R"), in: [.global]) == nil)
        #expect(keymap.action(for: .control("q"), in: [.global]) == .quit)
        #expect(keymap.action(for: .character("P"), in: [.global]) == .promote)
    }

    @Test func twoActionsOnOneKeyAreRejectedNamingBothAndTheKey() throws {
        try write("""
            extends = "default"
            [global]
            refresh = ["R"]
            """, to: "keymaps/clash.toml")
        let text = failure { try loader.keymap(named: "clash") }
        #expect(text.contains("clash.toml") && text.contains("\"R\"") && text.contains("refresh") && text.contains("rollback"), "\(text)")
    }

    @Test func sameKeyInDifferentContextsIsFine() throws {
        try write("""
            extends = "default"
            [logs]
            "logs.follow" = ["q"]
            """, to: "keymaps/context.toml")
        let keymap = try loader.keymap(named: "context")
        #expect(keymap.action(for: .character("q"), in: [.logs, .global]) == .logsFollow)
        #expect(keymap.action(for: .character("q"), in: [.global]) == .quit)
    }

    @Test func malformedTOMLNamesFileAndLine() throws {
        try write("[global]\nquit = [\"q\"\nhelp = [\"?\"]\n", to: "keymaps/broken.toml")
        do {
            _ = try loader.keymap(named: "broken")
            Issue.record("expected an error")
        } catch {
            #expect(error.file.hasSuffix("keymaps/broken.toml"))
            #expect(error.line != nil)
        }
    }

    @Test func unknownActionAndBadKeyNameAreLocated() throws {
        try write("[global]\n\nrollbak = [\"R\"]\n", to: "keymaps/typo.toml")
        do {
            _ = try loader.keymap(named: "typo")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("rollbak"))
            #expect(error.message.contains("rollback"))  // suggestion
        }
        try write("[global]\nquit = [\"Ctrl-\"]\n", to: "keymaps/badkey.toml")
        #expect(throws: ConfigurationError.self) { try loader.keymap(named: "badkey") }
        try write("[global]\nquit = [\"Hyper-x\"]\n", to: "keymaps/badkey2.toml")
        #expect(throws: ConfigurationError.self) { try loader.keymap(named: "badkey2") }
    }

    @Test func keymapCyclesAreReported() throws {
        try write("extends = \"b\"\n", to: "keymaps/a.toml")
        try write("extends = \"a\"\n", to: "keymaps/b.toml")
        #expect(failure { try loader.keymap(named: "a") }.contains("cycle"))
    }

    @Test func badThemeFilesAreLocated() throws {
        try write("[roles]\ntext = \"#12345\"\n", to: "themes/badcolour.toml")
        do {
            _ = try loader.theme(named: "badcolour")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("#12345"))
        }
        try write("[roles]\nsparkle = \"red\"\n", to: "themes/badrole.toml")
        #expect(failure { try loader.theme(named: "badrole") }.contains("unknown role \"sparkle\""))
        try write("[roles]\nerror = { fg = \"red\", attributes = [\"blinky\"] }\n", to: "themes/badattr.toml")
        #expect(throws: ConfigurationError.self) { try loader.theme(named: "badattr") }
        try write("name = 3\n", to: "themes/noroles.toml")
        #expect(failure { try loader.theme(named: "noroles") }.contains("[roles]"))
        #expect(failure { try loader.theme(named: "nope") }.contains("no theme named \"nope\""))
    }

    @Test func aThemeMissingRolesFallsBack() throws {
        try write("[roles]\ntext = \"white\"\nborder = \"#ff0000\"\n", to: "themes/tiny.toml")
        let theme = try loader.theme(named: "tiny")
        #expect(theme[.borderFocused].foreground == .rgb(255, 0, 0))
        #expect(theme[.ok].foreground == .white)
    }

    /// AWS is never polled faster than every 5 s; slower settings stand, the sandbox takes any.
    @Test func awsIsNeverRefreshedFasterThanItsFloor() {
        var settings = UserSettings()
        let aws = SourceDescription(kind: .aws, label: "aws default · eu-west-1")
        let sandbox = SourceDescription(kind: .sandbox, label: "sandbox")
        #expect(settings.refreshSeconds(for: aws) == 5 && settings.refreshSeconds(for: sandbox) == 1)
        settings.refreshSeconds = 30
        #expect(settings.refreshSeconds(for: aws) == 30)
    }

    @Test func configTOMLIsValidated() throws {
        try write("theme = \"light\"\nrefresh_seconds = 2\nlog_buffer_lines = 5000\n", to: "config.toml")
        let settings = try loader.settings()
        #expect(settings.theme == "light")
        #expect(settings.refreshSeconds == 2)
        #expect(settings.logBufferLines == 5000)
        try write("refresh_seconds = 0.001\n", to: "config.toml")
        #expect(failure { try loader.settings() }.contains("config.toml:1"))
        try write("colour = \"red\"\n", to: "config.toml")
        #expect(failure { try loader.settings() }.contains("unknown setting"))
    }

    /// The description of the error `body` throws, or "" when it does not throw.
    private func failure<Value>(_ body: () throws -> Value) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return String(describing: error)
        }
    }
}
