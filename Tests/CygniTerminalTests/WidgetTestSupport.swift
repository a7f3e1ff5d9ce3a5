@testable import CygniTerminal

/// Renders into a fresh buffer and returns what a person would see.
func frame(_ width: Int, _ height: Int, _ draw: (inout Buffer) -> Void) -> [String] {
    var buffer = Buffer(width: width, height: height)
    draw(&buffer)
    return buffer.lines
}

let red = Style(foreground: .red)
let green = Style(foreground: .green)
let blue = Style(foreground: .blue)
