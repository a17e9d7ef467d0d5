/// FluentCart's `item_id`: the product it names, compared as PHP 8 compares a numeric string with an integer
/// (fluentcart.md §4.1). `04`, `+4`, ` 4 `, `4.0` and `4e0` all name product 4; `4abc`, `0x1A` and `4.5` name none.
public struct ItemID: Equatable, Sendable {
    public let productID: Int64

    /// nil unless `text` is a PHP numeric string whose value is a whole number within `Int64`.
    ///
    /// PHP's grammar: optional whitespace (` \t\n\r\v\f`), an optional sign, then digits with an optional fraction
    /// (`4.`, `.5` and `4.5` are all numbers) and an optional exponent (`e`/`E`, optional sign, digits), then optional
    /// whitespace. Integer spellings are parsed exactly, so `9223372036854775807` is `Int64.max`; one that overflows
    /// is refused (PHP would compare it as a float, but no product id comes near). Fractions and exponents go through
    /// `Double`, as PHP's `zend_strtod` does, so `4.0000000000000001` is 4 there and here.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func skip(_ isWanted: (UInt8) -> Bool) -> Int {
            let start = index
            while index < bytes.count, isWanted(bytes[index]) { index += 1 }
            return index - start
        }

        _ = skip(Self.isWhitespace)
        let numberStart = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        let integerDigits = skip(Self.isDigit)
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard integerDigits + skip(Self.isDigit) > 0 else { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skip(Self.isDigit) > 0 else { return nil }
        }
        let number = String(decoding: bytes[numberStart..<index], as: UTF8.self)
        _ = skip(Self.isWhitespace)
        guard index == bytes.count else { return nil }

        if isInteger {
            guard let value = Int64(number) else { return nil }
            productID = value
        } else {
            guard let value = Double(number), value.isFinite, value == value.rounded(.towardZero),
                value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0
            else { return nil }
            productID = Int64(value)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// PHP's numeric-string whitespace: space, `\t`, `\n`, `\r`, `\v` and `\f`.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }
}
