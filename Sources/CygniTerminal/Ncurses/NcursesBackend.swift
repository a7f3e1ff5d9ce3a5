import CNcursesw
import Foundation

/// The terminal backend: writes cell buffers through ncurses and reads keys from it.
///
/// Every ncurses call happens on the main actor, the one thread ncurses is used from.
///
/// Signals: the terminal keeps ISIG, so Ctrl-C and Ctrl-Z arrive as SIGINT and SIGTSTP (through
/// `SignalEvents`) rather than as keys; the console quits or suspends the way every terminal
/// program does. XON/XOFF is turned off so Ctrl-S cannot freeze the screen. Create
/// `SignalEvents` before this backend: ncurses installs its own SIGINT/SIGTERM/SIGTSTP/SIGWINCH
/// handlers only where none is installed yet.
///
/// The run loop this is built for (tried in tmux with a throwaway program):
/// ```
/// TerminalGuard.install()
/// let signals = SignalEvents()            // before the backend
/// let backend = try NcursesBackend()
/// let waiter = InputWaiter()
/// // a task forwards `signals.stream` to the main actor and calls `waiter.wake()`
/// while running {
///     handle pending signals: interrupt/terminate/hangup -> quit; resize -> backend.handleResize();
///         suspend -> backend.suspend(); SignalEvents.stopProcess(); resume -> backend.resume()
///     for event in backend.readInput() { ... }   // after handleResize this yields .resize
///     if dirty { backend.draw(view(state)) }
///     _ = await waiter.waitUntilReadable(timeout: timeUntilNextTimer)
/// }
/// backend.shutdown()
/// ```
@MainActor
public final class NcursesBackend {
    public let colorDepth: ColorDepth

    private enum Phase { case active, suspended, closed }
    private var phase = Phase.active
    private let numbering: ColorNumbering
    private var pairs: ColorPairCache
    private let decoder = InputDecoder()
    /// The last frame written, to write only what changed; nil forces a full redraw.
    private var previous: Buffer?
    /// The style last drawn and its colour pair, valid until the pair cache is emptied.
    private var lastPair: (style: Style, number: Int32)?
    private var lastAttributes: (style: TextAttributes, value: attr_t) = ([], 0)
    /// Most bytes to take from ncurses in one read, so a huge paste cannot stall a frame.
    private let maxInputPerRead = 4096

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw NcursesBackendError.notATerminal }
        setlocale(LC_ALL, "")
        TerminalGuard.install()
        guard cygni_newterm() != nil else {
            throw NcursesBackendError.unknownTerminal(term: environment["TERM"] ?? "")
        }
        cygni_set_screen_active(true)
        cbreak()
        noecho()
        nonl()
        _ = cygni_keypad(true)
        _ = cygni_nodelay(true)
        // 25 ms tells a lone Esc from the start of a sequence even over SSH, without lag.
        set_escdelay(25)
        curs_set(0)
        _ = cygni_disable_flow_control(STDIN_FILENO)
        // Make the modes above the ones ncurses restores after endwin (suspend and resume).
        def_prog_mode()

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var colors = 0
        if has_colors() && !noColor {
            start_color()
            // Colour -1 is the terminal's own colour, so a transparent background stays transparent.
            use_default_colors()
            colors = Int(cygni_colors())
        }
        let rgb = cygni_has_rgb_capability()
        colorDepth = ColorDepth.detect(environment: environment, colors: colors, hasRGBCapability: rgb)
        numbering = rgb || colors >= 1 << 24 ? .direct : .palette(colors: colors)
        pairs = ColorPairCache(capacity: colorDepth == .monochrome ? 0 : min(Int32(cygni_color_pairs()) - 1, 65_535))
        syncSizeWithKernel()
    }

    public var size: (width: Int, height: Int) {
        (Int(max(0, cygni_cols())), Int(max(0, cygni_lines())))
    }

    // MARK: Drawing

    /// Writes the cells that differ from the last frame, then refreshes once.
    public func draw(_ buffer: Buffer) {
        guard phase == .active else { return }
        TerminalGuard.protectCurrentThread()
        var fullRedraw = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        for attempt in 0..<2 {
            if fullRedraw {
                _ = cygni_erase()
                _ = cygni_clearok(true)
            }
            if write(buffer, comparingWith: fullRedraw ? nil : previous, stopWhenPairsRunOut: attempt == 0) { break }
            // Colour pairs ran out: start over with an empty cache and repaint every cell.
            pairs.removeAll()
            lastPair = nil
            fullRedraw = true
        }
        previous = buffer
        _ = cygni_refresh()
    }

    /// Writes the cells of `buffer` that differ from `old` (all of them when `old` is nil).
    /// Returns false when colour pairs ran out and `stopWhenPairsRunOut` asked to give up;
    /// otherwise cells that find no pair are drawn in the default colours.
    private func write(_ buffer: Buffer, comparingWith old: Buffer?, stopWhenPairsRunOut: Bool) -> Bool {
        let screen = size
        let width = min(buffer.width, screen.width)
        let height = min(buffer.height, screen.height)
        let cells = buffer.cells
        for y in 0..<max(0, height) {
            let row = y * buffer.width
            for x in 0..<max(0, width) {
                let cell = cells[row + x]
                if let old, old.cells[row + x] == cell { continue }
                var toDraw = cell
                var column = x
                if cell.isContinuation {
                    // The glyph owning this half is unchanged but this half changed: repaint it.
                    guard let old, x > 0, old.cells[row + x - 1] == cells[row + x - 1], !cells[row + x - 1].isContinuation else { continue }
                    toDraw = cells[row + x - 1]
                    column = x - 1
                }
                if !put(toDraw, x: column, y: y, screenWidth: screen.width) && stopWhenPairsRunOut { return false }
            }
        }
        return true
    }

    /// Writes one cell; false when it found no free colour pair (it is drawn uncoloured).
    private func put(_ cell: Cell, x: Int, y: Int, screenWidth: Int) -> Bool {
        // Most cells are one narrow scalar (ASCII, box drawing, blocks) in the style of the cell
        // before: skip the string and width work and reuse the last style's pair.
        let (pair, found) = cachedPairNumber(for: cell.style)
        if cell.symbol.utf8.count <= 3, let only = cell.symbol.unicodeScalars.first,
           cell.symbol.unicodeScalars.count == 1, DisplayWidth.of(only) == 1 {
            let attributes = lastAttributes.style == cell.style.attributes ? lastAttributes.value : Self.attributes(cell.style.attributes)
            lastAttributes = (cell.style.attributes, attributes)
            if cygni_put_character(Int32(y), Int32(x), wchar_t(only.value), attributes, pair) != cygni_err() || x == screenWidth - 1 {
                return found
            }
        }
        return putGrapheme(cell, x: x, y: y, screenWidth: screenWidth, pair: pair, found: found)
    }

    private func cachedPairNumber(for style: Style) -> (Int32, Bool) {
        if let last = lastPair, last.style.foreground == style.foreground, last.style.background == style.background {
            return (last.number, true)
        }
        let (number, found) = pairNumber(for: style)
        lastPair = found ? (style, number) : nil
        return (number, found)
    }

    private func putGrapheme(_ cell: Cell, x: Int, y: Int, screenWidth: Int, pair: Int32, found: Bool) -> Bool {
        var symbol = cell.symbol
        // A wide glyph in the last column would wrap; the half that fits is a blank.
        if x == screenWidth - 1, DisplayWidth.of(symbol) > 1 { symbol = " " }
        let attributes = Self.attributes(cell.style.attributes)
        var drawnWidth = 1
        for candidate in [Self.cellCharacters(symbol), [wchar_t(0xFFFD), 0]] {
            if cygni_put_cell(Int32(y), Int32(x), candidate, attributes, pair) != cygni_err() || x == screenWidth - 1 {
                drawnWidth = Int(cygni_wcwidth(candidate[0]))
                break
            }
        }
        // ncurses measures with the C library's wcwidth, which calls some glyphs narrow that our
        // buffer calls wide (flags, ❤️ with VS16). Blank the second column so ncurses' idea of
        // the row matches the buffer instead of keeping whatever was there before.
        if DisplayWidth.of(symbol) == 2, drawnWidth < 2, x + 1 < screenWidth {
            _ = cygni_put_cell(Int32(y), Int32(x + 1), [wchar_t(0x20), 0], attributes, pair)
        }
        return found
    }

    /// What one ncurses cell can hold: a spacing character and up to four zero-width marks after
    /// it, NUL-terminated. A grapheme made of several spacing characters (a ZWJ family, a flag)
    /// keeps its first one: terminals disagree on how wide such sequences are, and one glyph
    /// drawn predictably beats a row shifted by a column.
    static func cellCharacters(_ symbol: String) -> [wchar_t] {
        var characters: [wchar_t] = []
        for scalar in symbol.unicodeScalars {
            let value = wchar_t(truncatingIfNeeded: scalar.value)
            if characters.isEmpty {
                characters.append(value)
                continue
            }
            if characters.count == 5 || scalar.value == 0x200D || cygni_wcwidth(value) != 0 { break }
            characters.append(value)
        }
        if characters.isEmpty { characters.append(0x20) }
        characters.append(0)
        return characters
    }

    private func pairNumber(for style: Style) -> (Int32, Bool) {
        guard colorDepth != .monochrome else { return (0, true) }
        let key = ColorPairCache.Key(
            foreground: numbering.number(for: ColorMapper.map(style.foreground, to: colorDepth)),
            background: numbering.number(for: ColorMapper.map(style.background, to: colorDepth))
        )
        guard let pair = pairs.pair(for: key) else { return (0, false) }
        if pair.isNew { _ = cygni_init_extended_pair(pair.number, key.foreground, key.background) }
        return (pair.number, true)
    }

    private static func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = cygni_a_normal()
        if attributes.contains(.bold) { result |= cygni_a_bold() }
        if attributes.contains(.dim) { result |= cygni_a_dim() }
        if attributes.contains(.italic) { result |= cygni_a_italic() }
        if attributes.contains(.underline) { result |= cygni_a_underline() }
        if attributes.contains(.reverse) { result |= cygni_a_reverse() }
        if attributes.contains(.blink) { result |= cygni_a_blink() }
        return result
    }

    /// The next draw repaints every cell and the terminal is cleared first.
    public func invalidate() {
        previous = nil
    }

    // MARK: Input

    /// Every key pending right now, without waiting (a lone Esc costs ESCDELAY).
    public func readInput() -> [InputEvent] {
        guard phase == .active else { return [] }
        TerminalGuard.protectCurrentThread()
        var raw: [RawInput] = []
        var value: wint_t = 0
        while raw.count < maxInputPerRead {
            let status = cygni_get_wch(&value)
            if status == cygni_err() { break }
            raw.append(status == cygni_key_code_yes() ? .keyCode(Int32(truncatingIfNeeded: value)) : .character(UInt32(value)))
        }
        return decoder.decode(raw, screenSize: size)
    }

    // MARK: Resize, suspend, shutdown

    /// After SIGWINCH: takes the size from the kernel and repaints everything on the next draw.
    /// ncurses queues KEY_RESIZE internally, which the next `readInput` returns as `.resize`;
    /// stdin does not become readable for it, so call `readInput` (or read `size`) right after
    /// instead of waiting for input.
    public func handleResize() {
        guard phase == .active else { return }
        syncSizeWithKernel()
        invalidate()
    }

    /// For SIGTSTP: gives the terminal back (main screen, cooked mode, cursor); the caller
    /// then raises SIGSTOP.
    public func suspend() {
        guard phase == .active else { return }
        endwin()
        cygni_set_screen_active(false)
        phase = .suspended
    }

    /// After SIGCONT: takes the screen back, picks up a size change made while stopped, and
    /// repaints everything on the next draw.
    public func resume() {
        // A stop we did not ask for (kill -STOP, then the shell printed "Stopped" over us):
        // the modes are still ours, but the screen may not be.
        if phase == .active { invalidate() }
        guard phase == .suspended else { return }
        phase = .active
        cygni_set_screen_active(true)
        _ = cygni_clearok(true)
        _ = cygni_refresh()
        syncSizeWithKernel()
        invalidate()
    }

    /// Restores the terminal (echo, canonical mode, cursor, main screen). Safe to call twice.
    public func shutdown() {
        guard phase != .closed else { return }
        if phase == .active { endwin() }
        cygni_set_screen_active(false)
        phase = .closed
        previous = nil
    }

    /// ncurses' size can be stale (LINES/COLUMNS in the environment, a resize while stopped);
    /// the kernel's is the truth. Zero-sized windows are treated as 1x1 so ncurses keeps working.
    private func syncSizeWithKernel() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard cygni_window_size(STDOUT_FILENO, &rows, &columns) == 0 || cygni_window_size(STDIN_FILENO, &rows, &columns) == 0 else { return }
        rows = max(1, rows)
        columns = max(1, columns)
        if rows != cygni_lines() || columns != cygni_cols() {
            resizeterm(rows, columns)
        }
    }
}
