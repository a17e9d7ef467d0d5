import Foundation

/// The hostile values the fuzz test draws from. None of them names anything that exists: numbers are negative,
/// zero, past int64 or not numbers at all (never a small positive id that a real row could have), and keys are
/// random, so a request can only be refused.
extension SeededGenerator {
    /// Text that stresses a parser or a log line: unicode, controls, markup, escapes, overlong runs. No NUL, CR or LF
    /// (those go percent-encoded into URLs and raw into bodies), so that it is also a legal header value for curl.
    mutating func hostileText() -> String {
        switch Int.random(in: 0..<14, using: &self) {
        case 0: return letters(Int.random(in: 200...3_000, using: &self))
        case 1: return pick(["ключ", "鍵🔑", "ｆｃｔ－１２３", "\u{202E}yek", "\u{FEFF}key", "e\u{301}\u{301}\u{301}", "𝕜𝕖𝕪"])
        case 2: return pick(["<script>alert(1)</script>", "<b>KEY</b>", "' OR 1=1 --", "\"; DROP TABLE licenses; --"])
        case 3: return pick(["%00", "%zz", "%", "%%41", "%C3%28", "%FF%FE", "\\u0000", "\\x00"])
        case 4: return pick(["../../etc/passwd", "..\\..\\windows", "${jndi:ldap://x}", "{{7*7}}", "$(id)", "`id`"])
        case 5:
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &self) { text.unicodeScalars.append(hostileScalar()) }
            return text
        case 6: return hostileNumber()
        case 7: return ""
        case 8: return " \t "
        case 9: return pick(["true", "false", "null", "[]", "{}", "0", "no", "NaN", "Infinity"])
        case 10: return "fz-" + letters(Int.random(in: 1...64, using: &self))
        case 11: return String(repeating: "A", count: Int.random(in: 5_000...12_000, using: &self))
        case 12: return pick(["\u{7F}\u{1}\u{2}", "\u{1B}[31mred", "\t\u{B}\u{C}", "\u{85}\u{2028}\u{2029}"])
        default: return letters(Int.random(in: 1...40, using: &self))
        }
    }

    /// A number-like value that names no row: negative, zero, past int64, fractional, exotic digits.
    mutating func hostileNumber() -> String {
        pick([
            "-1", "0", "-0", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
            "99999999999999999999999999", "1e309", "-1e309", "NaN", "0x7fffffffffffffff", "1.5e400", "١٢٣", "１２",
            "9223372036854775000", "00000000000000000000000000009223372036854775001", "+-5", "--1",
            "9"
                + String(
                    repeating: "9",
                    count: Int.random(in: 30...4_000, using: &self)
                ),
        ])
    }

    /// A license key no license has.
    mutating func unknownKey() -> String {
        chance(0.5) ? "fz" + letters(Int.random(in: 1...60, using: &self)) : hostileText()
    }

    /// A JSON value of a type no field expects, or a number no field accepts.
    mutating func wrongJSONValue() -> String {
        let depth = Int.random(in: 1_000...20_000, using: &self)
        return pick([
            "[]", "{}", "true", "false", "null", "1.5", "-1", "1e400", "-1e400", "99999999999999999999999",
            "\"\"", "\"x\"", "[1,[2,[3]]]", "{\"a\":{\"b\":null}}", "\"\\u0000\"", "\"\\ud800\"",
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            "\"" + letters(Int.random(in: 1_000...50_000, using: &self)) + "\"",
        ])
    }

    /// `text` percent-encoded byte by byte, as a client that encodes everything would send it.
    func percentEncoded(_ text: String) -> String {
        Self.percentEncoded(Array(text.utf8))
    }

    static func percentEncoded(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// A value as it goes into a query string: raw (unicode and all, only what would break the request line
    /// encoded), fully percent-encoded, or random bytes percent-encoded (NUL, invalid UTF-8).
    mutating func queryValue(_ text: String) -> String {
        switch Int.random(in: 0..<4, using: &self) {
        case 0: return percentEncoded(text)
        case 1: return Self.percentEncoded(Array(bytes(Int.random(in: 1...64, using: &self))))
        default:
            // Byte by byte: UTF-8 sequences are all at or above 0x80, so they pass raw.
            let hex = Array("0123456789ABCDEF".utf8)
            var encoded: [UInt8] = []
            encoded.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                if byte <= 0x20 || Self.queryDelimiters.contains(byte) {
                    encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                } else {
                    encoded.append(byte)
                }
            }
            return String(decoding: encoded, as: UTF8.self)
        }
    }

    private static let queryDelimiters = Set("#%&+=".utf8)

    /// `fields` as a query string or form body, with a duplicate of some fields (first and last value differ).
    mutating func encoded(_ fields: [(String, String)]) -> String {
        var pairs = fields.map { "\(queryValue($0.0))=\(queryValue($0.1))" }
        if chance(0.3), let field = fields.randomElement(using: &self) {
            pairs.append("\(field.0)=\(queryValue(hostileText()))")
        }
        if chance(0.2) { pairs.append(pick(["&&", "=", "==", "a[]=1&a[0]=2", "x[=1", "%=%", "a=%"])) }
        return pairs.joined(separator: "&")
    }

    private mutating func hostileScalar() -> Unicode.Scalar {
        let value = UInt32.random(in: 1...0x10FFFF, using: &self)
        guard let scalar = Unicode.Scalar(value), value != 0x0A, value != 0x0D else { return "\u{FFFD}" }
        return scalar
    }
}
