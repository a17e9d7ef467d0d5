/// Decodes `application/x-www-form-urlencoded` text (bodies and query strings) into ordered pairs.
enum FormDecoder {
    static func decode(_ text: String) -> [(name: String, value: String)] {
        decode(Array(text.utf8))
    }

    static func decode(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                return (percentDecoded(pair[pair.startIndex..<equals]), percentDecoded(pair[(equals + 1)...]))
            }
            return (percentDecoded(pair[...]), "")
        }
    }

    /// `+` is a space and `%xx` a byte; a malformed escape is kept as it is. Invalid UTF-8 is repaired.
    static func percentDecoded(_ input: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.endIndex, let high = hexValue(input[index + 1]),
                let low = hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
