import Domain

/// The parameters of a REST request, looked up in FluentCart's order with ours on top: the path, then a JSON
/// body, then a form body, then the query (fluentcart.md §5.3).
struct RESTParameters: Sendable {
    private var path: [String: String]
    private var json: JSONObject
    private var form: [String: [String]]
    private var query: [String: [String]]

    /// Largest body the REST API reads.
    static let maximumBodySize = 1 << 20

    init(request: HTTPRequest, path: [String: String]) throws(RESTError) {
        self.path = path
        json = JSONObject()
        form = [:]
        query = Self.formFields(FormDecoder.decode(request.query))
        guard !request.body.isEmpty else { return }
        guard request.body.count <= Self.maximumBodySize, !request.bodyTruncated else { throw .tooLarge }
        let contentType = request.headers.contentType?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") || contentType.hasSuffix("+json") {
            guard case .object(let object)? = try? JSONParser.parse(request.body) else { throw .invalidJSON }
            json = object
        } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
            form = Self.formFields(FormDecoder.decode(request.body))
        }
    }

    /// The raw value: a JSON value from the path or body, or a form/query string as a JSON string.
    func value(_ name: String) -> JSONValue? {
        if let text = path[name] { return .string(text) }
        if let value = json[name] { return value }
        if let values = form[name] ?? query[name] {
            return values.count == 1 ? .string(values[0]) : .array(values.map(JSONValue.string))
        }
        return nil
    }

    /// Text; numbers as their literal. nil when missing, null, or not text-like.
    func string(_ name: String) -> String? {
        switch value(name) {
        case .string(let text)?: return text
        case .integer(let number)?: return String(number)
        case .number(let literal)?: return literal
        default: return nil
        }
    }

    /// True when the parameter was sent at all, even as null or "".
    func contains(_ name: String) -> Bool { value(name) != nil }

    /// A JSON number or a numeric string, within Int64; nil otherwise.
    func integer(_ name: String) -> Int64? {
        switch value(name) {
        case .integer(let number)?: return number
        case .string(let text)?: return Int64(text.trimmingWhitespace)
        default: return nil
        }
    }

    /// `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`; nil for anything else.
    func bool(_ name: String) -> Bool? {
        switch value(name) {
        case .bool(let flag)?: return flag
        case .integer(let number)? where number == 0 || number == 1: return number == 1
        case .string(let text)?:
            switch text.trimmingWhitespace.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Groups `name`, `name[]` and `name[N]` under `name`.
    private static func formFields(_ pairs: [(name: String, value: String)]) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for (name, value) in pairs {
            var base = name
            if let bracket = name.firstIndex(of: "["), name.hasSuffix("]") { base = String(name[..<bracket]) }
            fields[base, default: []].append(value)
        }
        return fields
    }
}
