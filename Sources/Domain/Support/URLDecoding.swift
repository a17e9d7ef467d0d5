/// PHP's `urldecode`, shared by form bodies, query strings and site URLs: `+` is a space and `%xx` a byte; a
/// malformed escape stays as it is, and invalid UTF-8 is repaired rather than refused.
public enum URLDecoding {
    public static func decode(_ input: ArraySlice<UInt8>) -> String {
        String(decoding: bytes(input), as: UTF8.self)
    }

    /// The decoded bytes, for callers that must see invalid UTF-8 as it came (WordPress drops such a value).
    public static func bytes(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.endIndex, let high = input[index + 1].hexValue,
                let low = input[index + 2].hexValue
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    public static func decode(_ text: String) -> String {
        decode(Array(text.utf8)[...])
    }
}

extension UInt8 {
    var hexValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return self - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
