import Domain
import Testing

@Suite("PostgreSQL array literals")
struct PostgresArrayTests {
    @Test("quotes every text element and escapes quotes and backslashes")
    func quotesText() {
        #expect(PostgresArray.literal(["a", #"b"c"#, #"d\e"#, "{f,g}"]) == #"{"a","b\"c","d\\e","{f,g}"}"#)
    }

    @Test("writes nil as an unquoted NULL and an empty string as quotes")
    func nullAndEmpty() {
        #expect(PostgresArray.literal([nil, "", "NULL"]) == #"{NULL,"","NULL"}"#)
    }

    @Test("writes integers bare")
    func integers() {
        #expect(PostgresArray.literal([Int64(1), -2, 30]) == "{1,-2,30}")
        #expect(PostgresArray.literal([Int64]()) == "{}")
    }
}
