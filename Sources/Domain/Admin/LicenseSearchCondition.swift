/// One typed comparison of a license column: what `key <op> value` and each advanced filter item become
/// (fluentcart.md §6). Built only from allow-listed fields and operators, with values already read for the field.
public struct LicenseSearchCondition: Equatable, Sendable {
    public var field: LicenseSearchField
    public var op: LicenseSearchOperator
    /// One operand for a comparison, two for a range, any number for `in`.
    public var operands: [LicenseSearchOperand]

    public init(field: LicenseSearchField, op: LicenseSearchOperator, operands: [LicenseSearchOperand]) {
        self.field = field
        self.op = op
        self.operands = operands
    }

    /// Reads a value written as text: `a-b` (or `a - b`) for a range, a comma list for `in`, else one value.
    public init(field: LicenseSearchField, op: LicenseSearchOperator, text: String) throws(DomainError) {
        switch op {
        case .range:
            try self.init(field: field, op: op, checked: Self.range(text, for: field))
        case .oneOf:
            let items = text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            try self.init(field: field, op: op, values: items)
        default:
            try self.init(field: field, op: op, checked: [LicenseSearchOperand.parse(text, for: field)])
        }
    }

    /// Reads a value sent as a list: the two ends of a range, or the members of `in`.
    public init(field: LicenseSearchField, op: LicenseSearchOperator, values: [String]) throws(DomainError) {
        switch op {
        case .range:
            guard values.count == 2 else {
                throw DomainError(.invalidInput, "A range for \(field.rawValue) needs exactly two values.")
            }
        case .oneOf:
            break
        default:
            guard values.count == 1 else {
                throw DomainError(.invalidInput, "The operator \(op.rawValue) takes one value for \(field.rawValue).")
            }
        }
        var operands: [LicenseSearchOperand] = []
        for value in values { operands.append(try LicenseSearchOperand.parse(value, for: field)) }
        try self.init(field: field, op: op, checked: operands)
    }

    /// `lifetime` means "no date": it can be equal or not equal, never ordered.
    private init(
        field: LicenseSearchField,
        op: LicenseSearchOperator,
        checked operands: [LicenseSearchOperand]
    )
        throws(DomainError)
    {
        if operands.contains(.lifetime), op != .equal, op != .notEqual, op != .oneOf {
            throw DomainError(.invalidInput, "lifetime can only be compared with =, != or in.")
        }
        self.init(field: field, op: op, operands: operands)
    }

    /// The two ends of `a-b`. ` - ` separates when present; otherwise the one `-` at which both sides read as
    /// values of the field (so `2025-01-01-2025-01-31` is two dates). Text has no such test, so a text range
    /// with more than one `-` must use ` - `.
    static func range(_ text: String, for field: LicenseSearchField) throws(DomainError) -> [LicenseSearchOperand] {
        let invalid = DomainError(
            .invalidInput,
            "Invalid range for \(field.rawValue): expected a-b (write a - b when the values contain -)."
        )
        if let spaced = text.range(of: " - ") {
            return [
                try LicenseSearchOperand.parse(String(text[..<spaced.lowerBound]), for: field),
                try LicenseSearchOperand.parse(String(text[spaced.upperBound...]), for: field),
            ]
        }
        let dashes = text.indices.filter { text[$0] == "-" && $0 != text.startIndex }
        if field.kind == .text, dashes.count != 1 { throw invalid }
        for dash in dashes {
            let left = try? LicenseSearchOperand.parse(String(text[..<dash]), for: field)
            let right = try? LicenseSearchOperand.parse(String(text[text.index(after: dash)...]), for: field)
            if let left, let right, left != .lifetime, right != .lifetime { return [left, right] }
        }
        throw invalid
    }
}
