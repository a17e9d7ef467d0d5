import Foundation

/// One typed value of a search condition, read from client text for a field's kind. Reading it here means a bad
/// value is refused with a message naming it (a 422) instead of reaching PostgreSQL as a failed cast (a 500).
public enum LicenseSearchOperand: Equatable, Sendable {
    case integer(Int64)
    case text(String)
    /// A moment in UTC; `wholeDay` when the client gave a date alone, which then means that whole UTC day, so that
    /// `created_at = 2025-01-15` finds the licenses created that day.
    case time(Date, wholeDay: Bool)
    /// `lifetime` (or `null`): no expiration date; only `expiration_date` with `=` or `!=` takes it.
    case lifetime

    /// Longest value text we read; longer input is refused rather than matched.
    public static let maximumLength = 500

    /// Reads `text` (trimmed) as a value of `field`.
    public static func parse(_ text: String, for field: LicenseSearchField) throws(DomainError) -> Self {
        let value = text.trimmingWhitespace.withoutNUL
        guard value.unicodeScalars.count <= maximumLength else {
            throw DomainError(.invalidInput, "The value for \(field.rawValue) is too long.")
        }
        switch field.kind {
        case .integer:
            guard let number = Int64(value) else {
                throw DomainError(.invalidInput, "Invalid value for \(field.rawValue): expected a whole number.")
            }
            return .integer(number)
        case .text:
            return .text(value)
        case .time:
            if field == .expirationDate, ["lifetime", "null"].contains(value.lowercased()) { return .lifetime }
            if value.utf8.count == 10, let day = Timestamp.parseCLI(value) { return .time(day, wholeDay: true) }
            guard let moment = parseMoment(value) else {
                throw DomainError(
                    .invalidInput,
                    "Invalid value for \(field.rawValue): expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or ISO 8601."
                )
            }
            return .time(moment, wholeDay: false)
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, optionally followed by `Z`, `±HH`, `±HHMM` or `±HH:MM`;
    /// no offset means UTC.
    static func parseMoment(_ text: String) -> Date? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 19, scalars[10] == " " || scalars[10] == "T" || scalars[10] == "t" else { return nil }
        var head = String(String.UnicodeScalarView(scalars[0..<19]))
        head = head.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "t", with: " ")
        guard let base = Timestamp.parseCLI(head) else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[19...]))
        if rest.isEmpty || rest == "Z" || rest == "z" { return base }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let digits = rest.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let hours = Int(digits.prefix(2)),
            let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : digits.dropFirst(2)),
            hours <= 23, minutes <= 59
        else { return nil }
        let offset = TimeInterval((hours * 60 + minutes) * 60) * (sign == "-" ? -1 : 1)
        return base.addingTimeInterval(-offset)
    }
}
