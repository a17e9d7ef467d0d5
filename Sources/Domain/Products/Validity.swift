/// How long a license of a variation lasts (FluentCart's `validity` setting).
public struct Validity: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case day, week, month, year, lifetime
    }

    public var unit: Unit
    public var value: Int

    public static let lifetime = Validity(unit: .lifetime, value: 1)

    public init(unit: Unit, value: Int) {
        self.unit = unit
        self.value = value
    }

    /// Parses the CLI's `lifetime` or `"N day|week|month|year"` (a plural `s` is accepted).
    public init?(parsing text: String) {
        let words = text.lowercased().split(separator: " ")
        if words == ["lifetime"] {
            self = .lifetime
            return
        }
        guard words.count == 2, let value = Int(words[0]), value >= 1 else { return nil }
        var unitWord = String(words[1])
        if unitWord.hasSuffix("s") { unitWord.removeLast() }
        guard let unit = Unit(rawValue: unitWord), unit != .lifetime else { return nil }
        self.init(unit: unit, value: value)
    }

    /// The settings JSON `{"unit": "...", "value": N}`.
    public var json: JSONValue {
        .object(["unit": .string(unit.rawValue), "value": .integer(Int64(value))])
    }

    /// Reads the settings JSON; nil when the unit is unknown or the value is below 1.
    public init?(json: JSONValue?) {
        guard let unitText = json?["unit"]?.stringValue, let unit = Unit(rawValue: unitText) else { return nil }
        let value: Int?
        switch json?["value"] {
        case .integer(let number): value = Int(number)
        case .string(let text): value = Int(text)
        default: value = unit == .lifetime ? 1 : nil
        }
        guard let value, value >= 1 else { return nil }
        self.init(unit: unit, value: value)
    }

    /// A PostgreSQL interval for `now() + interval`, or nil for lifetime.
    public var postgresInterval: String? {
        unit == .lifetime ? nil : "\(value) \(unit.rawValue)"
    }
}
