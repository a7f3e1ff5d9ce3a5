@testable import CygniTerminal
import Foundation
import Testing

@Suite("Input decoding")
struct InputDecoderTests {
    let codes = KeyCodes.ncurses
    let decoder = InputDecoder()

    private func decode(_ input: [RawInput]) -> [InputEvent] {
        decoder.decode(input, screenSize: (width: 80, height: 24))
    }

    private func characters(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    private func keys(_ input: [RawInput]) -> [Key] {
        decode(input).compactMap { event in
            if case .key(let key) = event { return key }
            return nil
        }
    }

    @Test func plainCharacters() {
        #expect(keys(characters("q1 ")) == [.character("q"), .character("1"), .space])
    }

    @Test func unicodeCharacters() {
        #expect(keys(characters("中é😀")) == [.character("中"), .character("é"), .character("😀")])
    }

    @Test func enterInEveryForm() {
        #expect(keys([.character(13), .character(10), .keyCode(codes.enter)]) == [.enter, .enter, .enter])
    }

    @Test func tabAndShiftTab() {
        #expect(keys([.character(9), .keyCode(codes.backTab)]) == [.tab, .backTab])
    }

    @Test func backspaceInEveryForm() {
        #expect(keys([.character(127), .character(8), .keyCode(codes.backspace)]) == [.backspace, .backspace, .backspace])
    }

    @Test func controlLetters() {
        #expect(keys([.character(1), .character(3), .character(11), .character(26)])
            == [.control("a"), .control("c"), .control("k"), .control("z")])
        #expect(keys([.character(0), .character(0x1C), .character(0x1F)]) == [.control("@"), .control("\\"), .control("_")])
    }

    @Test func loneEscapeIsEscape() {
        #expect(keys([.character(27)]) == [.escape])
    }

    @Test func escapeThenCharacterIsAlt() {
        #expect(keys(characters("\u{1B}x")) == [.alt("x")])
        #expect(keys(characters("a\u{1B}bc")) == [.character("a"), .alt("b"), .character("c")])
        #expect(keys(characters("\u{1B}[")) == [.alt("[")])
    }

    @Test func doubleEscape() {
        #expect(keys(characters("\u{1B}\u{1B}")) == [.escape, .escape])
        #expect(keys(characters("\u{1B}\u{1B}x")) == [.escape, .alt("x")])
    }

    @Test func escapeBeforeAKeyCode() {
        #expect(keys([.character(27), .keyCode(codes.up)]) == [.escape, .up])
        #expect(keys([.character(27), .character(127)]) == [.escape, .backspace])
    }

    @Test func functionKeys() {
        let input = (1...12).map { RawInput.keyCode(codes.function[$0 - 1]) }
        #expect(keys(input) == (1...12).map { Key.function($0) })
    }

    @Test func navigationKeys() {
        let input: [RawInput] = [codes.up, codes.down, codes.left, codes.right, codes.home, codes.end, codes.pageUp,
                                 codes.pageDown, codes.delete, codes.insert].map { .keyCode($0) }
        #expect(keys(input) == [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .insert])
    }

    @Test func resizeReportsTheScreenSize() {
        #expect(decode([.keyCode(codes.resize), .character(0x71)]) == [.resize(width: 80, height: 24), .key(.character("q"))])
    }

    @Test func unknownKeyCodesAndMouseAreIgnored() {
        #expect(decode([.keyCode(codes.mouse), .keyCode(0x7FFF)]).isEmpty)
    }

    @Test func sequencesNcursesMissedAreDecoded() {
        #expect(keys(characters("\u{1B}[A\u{1B}[1;5B\u{1B}OP\u{1B}[15~\u{1B}[3~\u{1B}[Z\u{1B}[24~"))
            == [.up, .down, .function(1), .function(5), .delete, .backTab, .function(12)])
    }

    @Test func unknownSequencesNeverLeakAsTypedText() {
        // Bracketed-paste start and an unknown final byte: dropped whole, the next key survives.
        #expect(keys(characters("\u{1B}[200~\u{1B}[99zq")) == [.character("q")])
    }

    @Test func c1ControlsAreDropped() {
        #expect(keys([.character(0x9B), .character(0x85)]).isEmpty)
    }
}

/// The waiter the run loop sleeps in before it decodes input (kept next to the decoder's tests:
/// only these test files belong to the backend).
@Suite("Input waiting", .serialized)
struct InputWaiterTests {
    /// A pipe standing in for stdin.
    private func makePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        return (fds[0], fds[1])
    }

    @Test func returnsTrueWhenReadable() async {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        var byte: UInt8 = 0x71
        _ = write(fds.write, &byte, 1)
        let waiter = InputWaiter(fileDescriptor: fds.read)
        #expect(await waiter.waitUntilReadable(timeout: .seconds(5)))
    }

    @Test func returnsFalseOnTimeout() async {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        let waiter = InputWaiter(fileDescriptor: fds.read)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await waiter.waitUntilReadable(timeout: .milliseconds(30)) == false)
        #expect(clock.now - start >= .milliseconds(30))
    }

    @Test func wakeEndsTheWaitEvenWhenItCameFirst() async {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        let waiter = InputWaiter(fileDescriptor: fds.read)
        waiter.wake()
        #expect(await waiter.waitUntilReadable(timeout: nil) == false)
        Task {
            try? await Task.sleep(for: .milliseconds(20))
            waiter.wake()
        }
        #expect(await waiter.waitUntilReadable(timeout: nil) == false)
    }

    @Test func aClosedInputSleepsInsteadOfSpinning() async {
        let fds = makePipe()
        defer { close(fds.read) }
        close(fds.write)  // the read end now reports POLLHUP forever, as a dropped SSH terminal does
        let waiter = InputWaiter(fileDescriptor: fds.read)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await waiter.waitUntilReadable(timeout: .milliseconds(30)) == false)
        #expect(clock.now - start >= .milliseconds(30))
    }

    @Test func cancellationEndsTheWait() async {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        let waiter = InputWaiter(fileDescriptor: fds.read)
        let task = Task { await waiter.waitUntilReadable(timeout: nil) }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(await task.value == false)
    }
}
