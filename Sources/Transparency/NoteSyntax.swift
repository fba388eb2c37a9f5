/// Lexical rules shared by signed notes, checkpoints and verifier keys (c2sp.org/signed-note "Format").
enum NoteSyntax {
    /// The separator between a note's text and its signature lines: a newline ending the text, then a blank line.
    static let newline = UInt8(ascii: "\n")
    /// The prefix of every signature line: em dash (U+2014, UTF-8 `E2 80 94`) and a space.
    static let signaturePrefix: [UInt8] = [0xE2, 0x80, 0x94, 0x20]

    /// Whether `name` is a valid key name: non-empty, with no Unicode white space and no `+` (U+002B).
    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" || $0.value < 0x20 }
    }

    /// Whether `text` has no ASCII control character (below U+0020) other than newline.
    static func hasOnlyAllowedControls(_ text: some StringProtocol) -> Bool {
        !text.utf8.contains { $0 < 0x20 && $0 != newline }
    }
}
