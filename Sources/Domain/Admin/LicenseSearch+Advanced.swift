extension LicenseSearch {
    /// Most filter items one request may send, all groups together; the SQL grows with each.
    public static let maximumAdvancedItems = 100

    /// Most values one `in` may list.
    public static let maximumListValues = 1000

    /// Reads `advanced_filters` (fluentcart.md §6): a JSON array (sent as JSON text in a query or form, or as an
    /// array in a JSON body) of groups, each an array of `{"property","operator","value"}`; groups are ORed and
    /// the items of a group ANDed. FluentCart's own item shape, `"source":[provider, property]`, names the property
    /// too. An item without a property or an operator is skipped, as FluentCart skips it; an unknown property or
    /// operator, or a value the field cannot take, is refused with a message (FluentCart would fail in SQL).
    public static func advancedGroups(_ value: JSONValue?) throws(DomainError) -> [[LicenseSearchCondition]] {
        let document: JSONValue
        switch value {
        case nil, .null?:
            return []
        case .string(let text)?:
            let text = text.trimmingWhitespace
            guard !text.isEmpty else { return [] }
            guard let parsed = try? JSONParser.parse(Array(text.utf8)) else {
                throw DomainError(.invalidInput, "advanced_filters is not valid JSON.")
            }
            document = parsed
        case let other?:
            document = other
        }
        guard let groups = members(of: document) else {
            throw DomainError(.invalidInput, "advanced_filters must be an array of filter groups.")
        }
        var result: [[LicenseSearchCondition]] = []
        var count = 0
        for group in groups {
            guard let items = members(of: group) else {
                throw DomainError(.invalidInput, "Each group of advanced_filters must be an array of filters.")
            }
            var conditions: [LicenseSearchCondition] = []
            for item in items {
                guard let condition = try advancedCondition(item) else { continue }
                count += 1
                guard count <= maximumAdvancedItems else {
                    throw DomainError(
                        .invalidInput,
                        "advanced_filters has too many filters (\(maximumAdvancedItems) at most)."
                    )
                }
                conditions.append(condition)
            }
            if !conditions.isEmpty { result.append(conditions) }
        }
        return result
    }

    /// One item; nil when it names no property or no operator.
    static func advancedCondition(_ item: JSONValue) throws(DomainError) -> LicenseSearchCondition? {
        guard case .object(let object) = item else {
            throw DomainError(.invalidInput, "Each filter of advanced_filters must be an object.")
        }
        var propertyName = object["property"]?.stringValue
        if propertyName == nil, case .array(let source)? = object["source"] { propertyName = source.last?.stringValue }
        guard let propertyName, !propertyName.trimmingWhitespace.isEmpty,
            let operatorName = object["operator"]?.stringValue, !operatorName.trimmingWhitespace.isEmpty
        else { return nil }
        guard let field = LicenseSearchField(name: propertyName) else {
            throw DomainError(.invalidInput, "Unknown filter property: \(propertyName.prefix(scalars: 64)).")
        }
        guard let op = LicenseSearchOperator(symbol: operatorName) else {
            throw DomainError(.invalidInput, "Unknown filter operator: \(operatorName.prefix(scalars: 16)).")
        }
        switch object["value"] {
        case .array(let elements)?:
            guard elements.count <= maximumListValues else {
                throw DomainError(
                    .invalidInput,
                    "Too many values for \(field.rawValue) (\(maximumListValues) at most)."
                )
            }
            var values: [String] = []
            for element in elements {
                guard let text = scalarText(element) else {
                    throw DomainError(.invalidInput, "Invalid value for \(field.rawValue).")
                }
                values.append(text)
            }
            return try LicenseSearchCondition(field: field, op: op, values: values)
        case let value?:
            guard let text = scalarText(value) else {
                throw DomainError(.invalidInput, "Invalid value for \(field.rawValue).")
            }
            let condition = try LicenseSearchCondition(field: field, op: op, text: text)
            guard condition.operands.count <= maximumListValues else {
                throw DomainError(
                    .invalidInput,
                    "Too many values for \(field.rawValue) (\(maximumListValues) at most)."
                )
            }
            return condition
        case nil:
            throw DomainError(.invalidInput, "The filter on \(field.rawValue) has no value.")
        }
    }

    /// The elements of an array, or the values of an object in order (PHP decodes both into arrays).
    private static func members(of value: JSONValue) -> [JSONValue]? {
        switch value {
        case .array(let elements): return elements
        case .object(let object): return object.entries.map(\.value)
        default: return nil
        }
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let literal): return literal
        default: return nil
        }
    }
}
