import Testing
@testable import CygniTerminal

@Suite("Key notation")
struct KeyNotationTests {
    static let keys: [Key] = [
        .character("q"), .character("Q"), .character("?"), .character("-"), .character("中"), .space,
        .enter, .escape, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right,
        .pageUp, .pageDown, .home, .end, .function(1), .function(12), .function(24),
        .control("a"), .control("z"), .control("["), .control("\\"), .control("_"), .control("@"),
        .alt("x"), .alt("X"), .alt("1"), .alt(" "),
    ]

    @Test(arguments: keys)
    func roundTrips(_ key: Key) throws {
        #expect(try Key(notation: key.notation) == key)
    }

    @Test func readsTheNotationKeymapsUse() throws {
        #expect(try Key(notation: "ctrl-A") == .control("a"))
        #expect(try Key(notation: "C-x") == .control("x"))
        #expect(try Key(notation: "M-x") == .alt("x"))
        #expect(try Key(notation: "meta-x") == .alt("x"))
        #expect(try Key(notation: "Alt-X") == .alt("X"))
        #expect(try Key(notation: "f1") == .function(1))
        #expect(try Key(notation: "F12") == .function(12))
        #expect(try Key(notation: "PgUp") == .pageUp)
        #expect(try Key(notation: "ESCAPE") == .escape)
        #expect(try Key(notation: "return") == .enter)
        #expect(try Key(notation: "space") == .space)
        #expect(try Key(notation: "Shift-Tab") == .backTab)
        #expect(try Key(notation: "S") == .character("S"))
        #expect(try Key(notation: "f") == .character("f"))
        #expect(Key.control("c").notation == "Ctrl-c")
        #expect(Key.space.description == "Space")
    }

    @Test(arguments: ["", "Ctrl-1", "Ctrl-ab", "Ctrl-", "Ctrl-é", "Ctrl-İ", "Alt-", "Alt-xy", "F0", "F64", "F+1", "F01", "F-1", "Hyper-x", "enterr", "qq"])
    func rejectsWhatItCannotRead(_ notation: String) {
        #expect(throws: KeyNotationError.self) { try Key(notation: notation) }
    }

    @Test func errorsNameTheKeyAndTheProblem() {
        do {
            _ = try Key(notation: "Ctrl-1")
            Issue.record("expected an error")
        } catch {
            #expect(error.notation == "Ctrl-1")
            #expect(error.description.contains("Ctrl-1"))
            #expect(error.description.contains("letters"))
        }
    }
}
