import RecipeData
import Testing

@Suite("ASCII text helpers")
struct ASCIITextTests {
    @Test(
        "trims SP and HTAB, and CR/LF only when asked",
        arguments: [
            ("  sha256 abc \t", false, "sha256 abc"),
            ("\t\t", false, ""),
            ("", false, ""),
            ("x", false, "x"),
            ("\r\nPing test\n", false, "\r\nPing test\n"),
            ("\r\nPing test\n", true, "Ping test"),
            (" é ", false, "é"),
            ("\u{00A0}x\u{00A0}", false, "\u{00A0}x\u{00A0}"),  // NBSP is not HTTP whitespace
        ])
    func trims(input: String, newlines: Bool, expected: String) {
        #expect(input.trimmingASCIIWhitespace(newlines: newlines) == expected)
    }

    @Test(
        "case-insensitive ASCII prefix",
        arguments: [
            ("SHA256=abc", "sha256=", true),
            ("sha256 abc", "sha256 ", true),
            ("sha25", "sha256", false),
            ("sha256", "", true),
            ("ßha256", "sha256", false),
            ("Sha257=", "sha256=", false),
        ])
    func prefix(text: String, prefix: String, expected: Bool) {
        #expect(text.hasASCIICaseInsensitivePrefix(prefix) == expected)
    }
}
