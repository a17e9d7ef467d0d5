import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore info input")
struct InfoInputTests {
    typealias Value = FaxStoreFields.Value

    @Test(
        "keeps text as given",
        arguments: [
            (Value.json("server #3, build 1.4.2"), "server #3, build 1.4.2"),
            (.json("  spaced  "), "  spaced  "),
            (.form(["a b"]), "a b"),
            (.json(""), ""),
        ]
    )
    func text(value: Value, info: String) {
        #expect(FaxStoreInput.info(value) == info)
    }

    @Test(
        "stores a non-string JSON value as compact JSON",
        arguments: [
            (Value.json(.object(["server": 3, "tags": .array(["a", true])])), #"{"server":3,"tags":["a",true]}"#),
            (.json(42), "42"),
            (.json(.number("1.5")), "1.5"),
            (.json(true), "true"),
            (.json(nil), "null"),
        ]
    )
    func compactJSON(value: Value, info: String) {
        #expect(FaxStoreInput.info(value) == info)
    }

    @Test("is empty when missing")
    func missing() {
        #expect(FaxStoreInput.info(nil) == "")
    }
}
