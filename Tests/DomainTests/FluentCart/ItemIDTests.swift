import Domain
import Testing

@Suite("Item ids")
struct ItemIDTests {
    @Test(
        "name a product as PHP compares a numeric string with an integer",
        arguments: [
            ("4", 4), ("04", 4), ("4.0", 4), ("4e0", 4), ("+4", 4), (" 4", 4), ("4 ", 4), ("\t4\n", 4), ("4.", 4),
            ("0.4e1", 4), (".4e1", 4), ("40e-1", 4), ("4.00000000000000001", 4), ("-0", 0), ("-7", -7), ("1e3", 1000),
        ] as [(String, Int64)]
    )
    func numeric(text: String, productID: Int64) {
        #expect(ItemID(text)?.productID == productID)
    }

    @Test("parse integer spellings exactly, without going through Double")
    func exactIntegers() {
        #expect(ItemID("9223372036854775807")?.productID == .max)
        #expect(ItemID("9007199254740993")?.productID == 9_007_199_254_740_993)
        #expect(ItemID("-9223372036854775808")?.productID == .min)
    }

    @Test(
        "name nothing when the text is not a whole number PHP would accept",
        arguments: [
            "", " ", "4.5", "4abc", "abc", "0x1A", "1e30", "9223372036854775808", "9223372036854775807.0", ".", "4e",
            "4e+", "+", "--4", "+-4", "4 4", "1_000", "٤", "４", "0b11", "inf", "NaN", "4,0",
        ]
    )
    func notANumber(text: String) {
        #expect(ItemID(text) == nil)
    }

    @Test("are equal when they name the same product")
    func equality() {
        #expect(ItemID("04") == ItemID("4.0"))
        #expect(ItemID("4") != ItemID("5"))
    }
}
