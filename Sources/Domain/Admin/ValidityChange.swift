import Foundation

/// What `extend-validity` asks for (fluentcart.md §6): a new expiration date, lifetime, or a number of days added.
///
/// FluentCart takes anything PHP's `strtotime` reads; we take a fixed set of forms, so that a typo is refused with
/// 423 instead of silently becoming some other date [O].
public enum ValidityChange: Sendable, Equatable {
    case lifetime
    case date(Date)
    /// Added to the later of the current expiry and now; a lifetime license stays lifetime.
    case days(Int64)

    /// Reads `expiration_date` (which wins when sent as non-null text) or else `days`; nil when neither is usable.
    public init?(expirationDate: JSONValue?, days: JSONValue?) {
        if let expirationDate, expirationDate != .null {
            guard case .string(let text) = expirationDate else { return nil }
            if text.trimmingWhitespace.lowercased() == "lifetime" {
                self = .lifetime
            } else if let date = Self.parseDate(text) {
                self = .date(date)
            } else {
                return nil
            }
            return
        }
        let count: Int64?
        switch days {
        case .integer(let number)?: count = number
        case .string(let text)?: count = Int64(text.trimmingWhitespace)
        default: count = nil
        }
        guard let count, (1...Self.maximumDays).contains(count) else { return nil }
        self = .days(count)
    }

    /// About 8,000 years: anything larger cannot land before year 10000 anyway.
    static let maximumDays: Int64 = 3_000_000

    /// The first instant we cannot write as `Y-m-d H:i:s`: 10000-01-01 00:00:00 UTC.
    static let endOfTime = Date(timeIntervalSince1970: 253_402_300_800)

    /// The expiry this change leads to from `current` (nil = lifetime) at `now`, in whole seconds; nil when the
    /// result falls outside years 1–9999.
    public func resolve(current: Date?, now: Date) -> ExpiryInput? {
        let date: Date
        switch self {
        case .lifetime:
            return .lifetime
        case .date(let given):
            date = given
        case .days(let count):
            guard let current else { return .lifetime }
            date = max(current, now).addingTimeInterval(TimeInterval(count) * 86_400)
        }
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        guard whole >= Self.startOfTime, whole < Self.endOfTime else { return nil }
        return .date(whole)
    }

    /// 0001-01-01 00:00:00 UTC.
    static let startOfTime = Date(timeIntervalSince1970: -62_135_596_800)

    /// `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DD HH:MM:SS` (UTC), or ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fraction]`
    /// with `Z`, `±HH:MM`, `±HHMM` or `±HH` (no offset means UTC).
    public static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace
        let utf8 = Array(trimmed.utf8)
        if utf8.count == 10 || (utf8.count == 19 && utf8[10] == UInt8(ascii: " ")) {
            return Timestamp.parseCLI(trimmed)
        }
        guard utf8.count >= 19, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: "t") else { return nil }
        var head = utf8[0..<19]
        head[10] = UInt8(ascii: " ")
        guard let base = Timestamp.parseCLI(String(decoding: head, as: UTF8.self)) else { return nil }
        var index = 19
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < utf8.count, utf8[index].decimalDigit != nil { index += 1 }
            guard index > digits else { return nil }
        }
        guard let offset = offsetSeconds(utf8[index...]) else { return nil }
        return base.addingTimeInterval(TimeInterval(-offset))
    }

    /// Seconds east of UTC for `""` (UTC), `Z`, `±HH`, `±HHMM` or `±HH:MM`; nil for anything else.
    private static func offsetSeconds(_ rest: ArraySlice<UInt8>) -> Int? {
        let bytes = Array(rest)
        if bytes.isEmpty || bytes == [UInt8(ascii: "Z")] || bytes == [UInt8(ascii: "z")] { return 0 }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var digits = Array(bytes.dropFirst())
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 2 || digits.count == 4 else { return nil }
        let values = digits.compactMap(\.decimalDigit)
        guard values.count == digits.count else { return nil }
        let hours = values[0] * 10 + values[1]
        let minutes = values.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours <= 23, minutes <= 59 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}

/// Which of FluentCart's three messages `extend-validity` answers with: decided by comparing the old and new expiry
/// as dates, where FluentCart compares their text [O].
public enum ValidityOutcome: Sendable, Equatable {
    /// The new value is lifetime.
    case markedLifetime
    /// The new date is earlier than the old one, or the old value was lifetime.
    case reduced
    /// Anything else, including no change.
    case extended

    public init(old: Date?, new: ExpiryInput) {
        switch new {
        case .lifetime:
            self = .markedLifetime
        case .date(let date):
            guard let old else {
                self = .reduced
                return
            }
            self = date < old ? .reduced : .extended
        }
    }
}
