/// Writes compact JSON, escaping as PHP's `json_encode` does with `JSON_UNESCAPED_SLASHES` off for none of it:
/// only what JSON requires is escaped, so the output stays readable.
///
/// Works on UTF-8 bytes: every byte that needs an escape is ASCII, so multi-byte sequences pass through untouched,
/// and appending byte runs costs a fraction of appending Unicode scalars to a `String` (the admin lists render
/// thousands of strings per page; `make bench` showed string appends as most of their CPU).
enum JSONWriter {
    static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .integer(let number): output += String(number).utf8
        case .number(let literal): output += literal.utf8
        case .string(let text): writeString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(entry.key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(entry.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plainStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                output.append(contentsOf: bytes[plainStart..<index])
                switch byte {
                case 0x22: output += #"\""#.utf8
                case 0x5C: output += #"\\"#.utf8
                case 0x0A: output += #"\n"#.utf8
                case 0x0D: output += #"\r"#.utf8
                case 0x09: output += #"\t"#.utf8
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output += #"\u00"#.utf8
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                }
                plainStart = index + 1
            }
            output.append(contentsOf: bytes[plainStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
    }
}
