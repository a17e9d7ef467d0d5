import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore proIds input")
struct ProductListInputTests {
    typealias Value = FaxStoreFields.Value

    @Test(
        "accepts a JSON array of integers or numeric strings",
        arguments: [
            (Value.json(.array([8, 16])), [Int64(8), 16]),
            (.json(.array(["8", "16"])), [8, 16]),
            (.json(.array([8, " 16 "])), [8, 16]),
            (.json(.array([42])), [42]),
        ]
    )
    func jsonArray(value: Value, ids: [Int64]) throws {
        #expect(try FaxStoreInput.productIDs(value) == ids)
    }

    @Test(
        "accepts a comma list in a JSON string or a form field",
        arguments: [
            (Value.json(.string("8,16")), [Int64(8), 16]),
            (.form(["8,16"]), [8, 16]),
            (.form(["8, 16 ,24"]), [8, 16, 24]),
            (.form(["8"]), [8]),
        ]
    )
    func commaList(value: Value, ids: [Int64]) throws {
        #expect(try FaxStoreInput.productIDs(value) == ids)
    }

    @Test("accepts several form values (proIds[]=8&proIds[]=16)")
    func repeatedFormField() throws {
        #expect(try FaxStoreInput.productIDs(.form(["8", "16"])) == [8, 16])
    }

    @Test(
        "refuses a missing, empty or non-integer list",
        arguments: [
            nil, .json(.array([])), .json(.array([.number("8.5")])), .json(.array(["eight"])), .json(.array([true])),
            .json(.array([nil])), .json(.array([.array([8])])), .json(.array([8, "x"])), .json(.object(["a": 8])),
            .json(8), .json(true), .json(nil), .json(""), .form([""]), .form(["8,,16"]), .form(["8", "x"]),
            .form(["8,16", "24"]), .form(["eight"]),
        ] as [Value?]
    )
    func refused(value: Value?) {
        #expect(throws: FaxStoreError.badProductList) { try FaxStoreInput.productIDs(value) }
    }
}
