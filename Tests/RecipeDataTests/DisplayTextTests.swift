import RecipeData
import Testing

/// Untrusted text echoed in messages stays one harmless line.
struct DisplayTextTests {
    static let cases: [(String, String)] = [
        ("plain 'key'", "plain 'key'"),
        ("é ü 名前 🙂", "é ü 名前 🙂"),
        ("\u{1B}[31mred", "\\u{1B}[31mred"),
        ("a\r\nfake.json:1:1: error: injected", "a\\r\\nfake.json:1:1: error: injected"),
        ("tab\there", "tab\\there"),
        ("nul\u{0}del\u{7F}csi\u{9B}", "nul\\u{0}del\\u{7F}csi\\u{9B}"),
        ("abc\u{202E}fed", "abc\\u{202E}fed"),
        ("line\u{2028}sep", "line\\u{2028}sep"),
    ]

    @Test(arguments: cases)
    func controlCharactersAreEscaped(_ text: String, _ expected: String) {
        #expect(DisplayText.line(text) == expected)
    }

    @Test func theLineIsCutAtTheLimit() {
        #expect(DisplayText.line(String(repeating: "x", count: 10), limit: 10) == String(repeating: "x", count: 10))
        #expect(DisplayText.line(String(repeating: "x", count: 11), limit: 10) == String(repeating: "x", count: 10) + "… (1 more characters)")
        // An escape is never split: "\n" takes two characters.
        #expect(DisplayText.line("123456789\n", limit: 10) == "123456789… (1 more characters)")
        let flood = DisplayText.line(String(repeating: "\n", count: 400_000))
        #expect(flood.count < DisplayText.maxLineLength + 40)
        #expect(!flood.contains("\n"))
        #expect(flood.hasSuffix("… (399500 more characters)"))
    }

    @Test func aDiagnosticIsAlwaysOneLinePlusItsNotes() {
        let location = SourceLocation(file: "r\u{1B}.json", line: 1, column: 2)
        let diagnostic = Diagnostic.error("unknown field '\r\nfake.json:1:1: error: injected'", at: location, notes: [.note("x\ny", at: nil)])
        #expect(diagnostic.description == "r\\u{1B}.json:1:2: error: unknown field '\\r\\nfake.json:1:1: error: injected'\nnote: x\\ny")
    }
}
