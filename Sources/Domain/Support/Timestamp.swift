import Foundation

/// The date formats that cross our boundaries: PostgreSQL's text output, FluentCart's `Y-m-d H:i:s` (UTC).
public enum Timestamp {
    /// Formats a date as `2025-01-15 10:30:00` in UTC, FluentCart's wire form.
    public static func wire(_ date: Date) -> String {
        format(date, separator: " ")
    }

    /// Formats a date as `2025-01-15T10:30:00+00:00`, the admin REST form.
    public static func iso8601(_ date: Date) -> String {
        format(date, separator: "T") + "+00:00"
    }

    /// Digits written by hand rather than with `String(format:)`: lists render several dates per row, and the
    /// Foundation formatter was a sixth of an admin list's CPU in `make bench`.
    private static func format(_ date: Date, separator: Character) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = max(value, 0)
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8((remaining / divisor) % 10))
                remaining %= divisor
                divisor /= 10
            }
        }
        let year = parts.tm_year + 1900
        digits(year, year > 9999 ? String(year).count : 4)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2)
        bytes.append(contentsOf: separator.utf8)
        digits(parts.tm_hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DD HH:MM:SS` (UTC), the CLI's date forms.
    public static func parseCLI(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace
        let scanned: [Int]
        if trimmed.utf8.count == 10 {
            scanned = numbers(in: trimmed, separators: ["-", "-"])
        } else if trimmed.utf8.count == 19 {
            scanned = numbers(in: trimmed, separators: ["-", "-", " ", ":", ":"])
        } else {
            return nil
        }
        guard scanned.count == 3 || scanned.count == 6 else { return nil }
        return components(scanned + Array(repeating: 0, count: 6 - scanned.count))
    }

    /// Parses PostgreSQL's text output of a timestamptz under `TimeZone=UTC` (`2025-01-15 10:30:00.123456+00`).
    public static func parsePostgres(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 19 else { return nil }
        let head = String(decoding: utf8[0..<19], as: UTF8.self)
        guard let base = parseCLI(head.replacingOccurrences(of: "T", with: " ")) else { return nil }
        var fraction = 0.0
        var index = 19
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            while index < utf8.count, let digit = utf8[index].decimalDigit {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-") {
            let sign = utf8[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = String(decoding: utf8[(index + 1)...], as: UTF8.self).split(separator: ":").compactMap {
                Int($0)
            }
            offsetSeconds = sign * ((rest.first ?? 0) * 3600 + (rest.dropFirst().first ?? 0) * 60)
        }
        return base.addingTimeInterval(fraction - TimeInterval(offsetSeconds))
    }

    private static func numbers(in text: String, separators: [Character]) -> [Int] {
        var values: [Int] = []
        var current = ""
        var separatorIndex = 0
        for character in text {
            if character.isASCII, character.isNumber {
                current.append(character)
            } else {
                guard separatorIndex < separators.count, character == separators[separatorIndex] else { return [] }
                separatorIndex += 1
                values.append(Int(current) ?? -1)
                current = ""
            }
        }
        values.append(Int(current) ?? -1)
        return values
    }

    private static func components(_ values: [Int]) -> Date? {
        let (year, month, day, hour, minute, second) = (
            values[0], values[1], values[2], values[3], values[4], values[5]
        )
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // timegm normalizes 31 February into March; a round trip proves the date existed.
        var check = tm()
        var time = seconds
        gmtime_r(&time, &check)
        guard Int(check.tm_mday) == day, Int(check.tm_mon) == month - 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

extension UInt8 {
    var decimalDigit: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}
