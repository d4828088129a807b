import RecipeData
import Testing

/// RFC 9110 §5.6.7's three formats, read exactly; everything else refused.
struct HTTPDateTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799),
        ("Thursday, 01-Jan-70 00:00:00 GMT", 0),
        ("Saturday, 01-Jan-00 00:00:00 GMT", 946_684_800),
        ("Wed Dec 31 23:59:60 1969", -1),
        // The day name is not checked against the date.
        ("Mon, 06 Nov 1994 08:49:37 GMT", 784_111_777),
    ] as [(String, Int64)])
    func readsTheThreeFormats(_ text: String, _ seconds: Int64) {
        #expect(HTTPDate.secondsSince1970(text) == seconds)
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT", "Sun,06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT", "Tue, 29 Feb 2027 00:00:00 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994", "Sun Nov  6 08:49:37 94",
        "Sun Nov 06 08:49:37 1994 ", "Funday, 06-Nov-94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 0８:49:37 GMT",
        "Sun, 06 Nov 1994 -8:49:37 GMT", "Sun, 06 Nov +994 08:49:37 GMT",
        // A fuzzer's input that made Foundation's DateFormatter trap (malformed Unicode, NUL).
        String(decoding: [70, 114, 105, 44, 32, 51, 49, 220, 187, 101, 99, 32, 0, 30, 83, 57, 42, 32, 50, 51, 58, 53, 57, 58, 53, 57, 32, 71, 77, 84] as [UInt8], as: UTF8.self),
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(HTTPDate.secondsSince1970(text) == nil)
    }
}
