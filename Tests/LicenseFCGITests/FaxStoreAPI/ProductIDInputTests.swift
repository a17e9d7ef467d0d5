import Testing

@testable import LicenseFCGI

@Suite("FaxStore product ID input")
struct ProductIDInputTests {
    @Test(
        "reads digits within int64",
        arguments: [
            ("5", Int64(5)), ("0", 0), ("007", 7), ("9223372036854775807", .max),
        ]
    )
    func digits(segment: String, id: Int64) throws {
        #expect(try FaxStoreInput.productID(segment) == id)
    }

    @Test(
        "refuses anything else",
        arguments: [
            "", "-1", "+1", "1a", "a1", "1.0", " 1", "1 ", "9223372036854775808", "99999999999999999999", "multiple",
            "١",
        ]
    )
    func refused(segment: String) {
        #expect(throws: FaxStoreError.productIDNotInteger) { try FaxStoreInput.productID(segment) }
    }
}
