import Foundation

/// Dates in events: `2025-01-15T10:30:00Z`, `2025-01-15T10:30:00+00:00`, FluentCart's `2025-01-15 10:30:00` (UTC)
/// or a bare `2025-01-15` (midnight UTC). Fractions of a second are dropped.
enum EventDate {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace
        if trimmed.utf8.count == 10 { return Timestamp.parseCLI(trimmed) }
        guard trimmed.utf8.count >= 19 else { return nil }
        let utf8 = Array(trimmed.utf8)
        let separator = utf8[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") else { return nil }
        // What may follow the seconds: nothing, a fraction, `Z`, or an offset.
        let tail = String(decoding: utf8[19...], as: UTF8.self)
        guard tail.isEmpty || tail == "Z" || tail.hasPrefix(".") || tail.hasPrefix("+") || tail.hasPrefix("-") else {
            return nil
        }
        guard
            Timestamp.parseCLI(String(decoding: utf8[0..<19], as: UTF8.self).replacingOccurrences(of: "T", with: " "))
                != nil
        else { return nil }
        return Timestamp.parsePostgres(trimmed).map {
            Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down))
        }
    }
}
