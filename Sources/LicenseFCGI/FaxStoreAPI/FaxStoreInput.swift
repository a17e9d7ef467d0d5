import Domain

/// Typed FaxStore inputs decoded from the fields (faxstore.md §2).
enum FaxStoreInput {
    /// The presented key: trimmed, a leading `Bearer ` (any case) dropped; nil when it cannot be a key.
    static func key(authorization: String?) -> LicenseKey? {
        var text = (authorization ?? "").trimmingWhitespace
        if text.lowercased().hasPrefix("bearer ") { text = String(text.dropFirst(7)).trimmingWhitespace }
        return LicenseKey(text)
    }

    /// Digits only, within int64.
    static func productID(_ segment: String) throws(FaxStoreError) -> Int64 {
        guard !segment.isEmpty, segment.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let id = Int64(segment) else {
            throw .productIDNotInteger
        }
        return id
    }

    /// `proIds` as a JSON array of integers or numeric strings, `proIds[]=…`, `proIds[0]=…` or `proIds=8,16`.
    static func productIDs(_ value: FaxStoreFields.Value?) throws(FaxStoreError) -> [Int64] {
        let items: [String]
        switch value {
        case .json(.array(let elements))?:
            var texts: [String] = []
            for element in elements {
                switch element {
                case .integer(let number): texts.append(String(number))
                case .string(let text): texts.append(text)
                default: throw .badProductList
                }
            }
            items = texts
        case .json(.string(let text))?:
            items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case .form(let values)?:
            items =
                values.count == 1
                ? values[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init) : values
        default:
            throw .badProductList
        }
        let ids = items.compactMap { Int64($0.trimmingWhitespace) }
        guard !ids.isEmpty, ids.count == items.count else { throw .badProductList }
        return ids
    }

    /// False only for `false`, `"false"`, `0`, `"0"`, `"no"` (trimmed, any case); anything else logs.
    static func log(_ value: FaxStoreFields.Value?) -> Bool {
        switch value {
        case .json(.bool(false))?, .json(.integer(0))?: return false
        case .json(.string(let text))?: return !isFalseWord(text)
        case .form(let values)?: return !isFalseWord(values.last ?? "")
        default: return true
        }
    }

    /// Text as given; a non-string JSON value as compact JSON.
    static func info(_ value: FaxStoreFields.Value?) -> String {
        switch value {
        case .json(.string(let text))?: return text
        case .json(let json)?: return json.serialized
        case .form(let values)?: return values.last ?? ""
        case nil: return ""
        }
    }

    private static func isFalseWord(_ text: String) -> Bool {
        ["false", "0", "no"].contains(text.trimmingWhitespace.lowercased())
    }
}
