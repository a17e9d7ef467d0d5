import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore log switch input")
struct LogSwitchInputTests {
    typealias Value = FaxStoreFields.Value

    @Test(
        "turns logging off for false words, trimmed and in any case",
        arguments: [
            Value.json(false), .json(0), .json("false"), .json(" FALSE "), .json("0"), .json("no"), .json("No"),
            .form(["false"]), .form([" no\t"]), .form(["0"]), .form(["true", "False"]),
        ]
    )
    func off(value: Value) {
        #expect(FaxStoreInput.log(value) == false)
    }

    @Test(
        "logs for anything else, including null",
        arguments: [
            nil, .json(nil), .json(true), .json("true"), .json("yes"), .json(""), .json(1), .json(.array([])),
            .json(.object([:])), .form(["yes"]), .form([""]), .form(["anything"]), .form(["no", "yes"]),
        ] as [Value?]
    )
    func on(value: Value?) {
        #expect(FaxStoreInput.log(value) == true)
    }
}
